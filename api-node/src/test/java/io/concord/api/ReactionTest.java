package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ReactionTest {
    private static final String THUMBS_UP = "%F0%9F%91%8D";
    private static final String CUSTOM = "party:112233445566778899";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(136);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private Accounts.User owner;
    private Accounts.User member;
    private Accounts.Guild guild;
    private String messageId;

    @BeforeEach
    void newGuild() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
        messageId = accounts.send(owner, guild.generalId(), "react to me").json().path("id").asString();
    }

    private String reactions(String channelId, String message) {
        return "/channels/" + channelId + "/messages/" + message + "/reactions";
    }

    private String reactions() {
        return reactions(guild.generalId(), messageId);
    }

    private JsonNode message(Accounts.User viewer) {
        return rest.get("/channels/" + guild.generalId() + "/messages/" + messageId, viewer.token()).json();
    }

    @Test
    void aReactionShowsOnTheMessageRelativeToTheViewerAndPublishesReactionAdd() {
        Response r = rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        JsonNode reaction = message(owner).path("reactions").path(0);
        assertThat(reaction.path("count").asInt()).isEqualTo(1);
        assertThat(reaction.path("count_details").path("normal").asInt()).isEqualTo(1);
        assertThat(reaction.path("count_details").path("burst").asInt(-1)).isZero();
        assertThat(reaction.path("me").asBoolean(true)).isFalse();
        assertThat(reaction.path("me_burst").asBoolean(true)).isFalse();
        assertThat(reaction.path("burst_colors").isArray()).isTrue();
        assertThat(reaction.path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(reaction.path("emoji").has("id")).isTrue();
        assertThat(reaction.path("emoji").path("id").isNull()).isTrue();
        assertThat(message(member).path("reactions").path(0).path("me").asBoolean()).isTrue();
        assertThat(rest.get("/channels/" + guild.generalId() + "/messages", member.token()).json().path(0).path("reactions").path(0)
                .path("me").asBoolean()).isTrue();

        var added = events.of(guild.id(), "MESSAGE_REACTION_ADD");
        assertThat(added).hasSize(1);
        assertThat(added.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        JsonNode d = added.getFirst().d();
        assertThat(d.path("user_id").asString()).isEqualTo(member.id());
        assertThat(d.path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(d.path("message_id").asString()).isEqualTo(messageId);
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(d.path("member").path("user").path("id").asString()).isEqualTo(member.id());
        assertThat(d.path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(d.path("emoji").path("id").isNull()).isTrue();
        assertThat(d.path("message_author_id").asString()).isEqualTo(owner.id());
        assertThat(d.path("burst").asBoolean(true)).isFalse();
        assertThat(d.path("type").asInt(-1)).isZero();
    }

    @Test
    void reactingTwiceCountsOnceAndPublishesOnce() {
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());
        assertThat(rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token()).status()).isEqualTo(204);

        assertThat(message(owner).path("reactions").path(0).path("count").asInt()).isEqualTo(1);
        assertThat(events.of(guild.id(), "MESSAGE_REACTION_ADD")).hasSize(1);
    }

    @Test
    void aCustomEmojiIsNameAndIdWhetherTheColonIsEncodedOrNot() {
        assertThat(rest.put(reactions() + "/" + CUSTOM + "/@me", member.token()).status()).isEqualTo(204);
        assertThat(rest.put(reactions() + "/party%3A112233445566778899/@me", owner.token()).status()).isEqualTo(204);

        JsonNode reaction = message(owner).path("reactions").path(0);
        assertThat(reaction.path("count").asInt()).isEqualTo(2);
        assertThat(reaction.path("emoji").path("id").asString()).isEqualTo("112233445566778899");
        assertThat(reaction.path("emoji").path("name").asString()).isEqualTo("party");
        Response users = rest.get(reactions() + "/" + CUSTOM, member.token());
        assertThat(users.json().size()).isEqualTo(2);
    }

    @Test
    void implausibleEmojiAreUnknownEmoji() {
        for (String bad : new String[] {"abc", "party:xyz", "%20", "1", "x".repeat(40), "a%F0%9F%91%8D"}) {
            assertError(rest.put(reactions() + "/" + bad + "/@me", member.token()), 400, 10014, "Unknown Emoji");
        }
        assertThat(message(owner).has("reactions")).isFalse();
    }

    @Test
    void reactionUsersArePagedByUserId() {
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", owner.token());
        String lower = Long.parseLong(owner.id()) < Long.parseLong(member.id()) ? owner.id() : member.id();
        String higher = lower.equals(owner.id()) ? member.id() : owner.id();

        Response all = rest.get(reactions() + "/" + THUMBS_UP, member.token());
        Response page = rest.get(reactions() + "/" + THUMBS_UP + "?limit=1", member.token());
        Response after = rest.get(reactions() + "/" + THUMBS_UP + "?after=" + lower, member.token());

        assertThat(all.json().size()).isEqualTo(2);
        assertThat(page.json().size()).isEqualTo(1);
        assertThat(page.json().path(0).path("id").asString()).isEqualTo(lower);
        assertThat(page.json().path(0).path("username").isString()).isTrue();
        assertThat(after.json().size()).isEqualTo(1);
        assertThat(after.json().path(0).path("id").asString()).isEqualTo(higher);
        assertInvalidForm(rest.get(reactions() + "/" + THUMBS_UP + "?limit=101", member.token()), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(rest.get(reactions() + "/" + THUMBS_UP + "?limit=0", member.token()), "NUMBER_TYPE_MIN", "limit");
    }

    @Test
    void removingYourOwnReactionPublishesReactionRemoveAndHidesTheEmptyReaction() {
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());

        assertThat(rest.delete(reactions() + "/" + THUMBS_UP + "/@me", member.token()).status()).isEqualTo(204);

        assertThat(message(owner).has("reactions")).isFalse();
        var removed = events.of(guild.id(), "MESSAGE_REACTION_REMOVE");
        assertThat(removed).hasSize(1);
        assertThat(removed.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(removed.getFirst().d().path("user_id").asString()).isEqualTo(member.id());
        assertThat(removed.getFirst().d().path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token()).status()).isEqualTo(204);
        assertThat(message(owner).path("reactions").path(0).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void removingSomeoneElsesReactionNeedsManageMessages() {
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", owner.token());

        assertError(rest.delete(reactions() + "/" + THUMBS_UP + "/" + owner.id(), member.token()), 403, 50013, "Missing Permissions");
        assertThat(message(owner).path("reactions").path(0).path("count").asInt()).isEqualTo(1);

        rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());
        assertThat(rest.delete(reactions() + "/" + THUMBS_UP + "/" + member.id(), owner.token()).status()).isEqualTo(204);
        assertThat(message(owner).path("reactions").path(0).path("count").asInt()).isEqualTo(1);
        assertThat(message(member).path("reactions").path(0).path("me").asBoolean(true)).isFalse();
    }

    @Test
    void clearingAllReactionsOrOneEmojiNeedsManageMessagesAndPublishesTheirEvents() {
        rest.put(reactions() + "/" + THUMBS_UP + "/@me", member.token());
        rest.put(reactions() + "/" + CUSTOM + "/@me", member.token());

        assertError(rest.delete(reactions(), member.token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(reactions() + "/" + THUMBS_UP, member.token()), 403, 50013, "Missing Permissions");
        assertThat(message(owner).path("reactions").size()).isEqualTo(2);

        assertThat(rest.delete(reactions() + "/" + THUMBS_UP, owner.token()).status()).isEqualTo(204);
        assertThat(message(owner).path("reactions").size()).isEqualTo(1);
        var emoji = events.of(guild.id(), "MESSAGE_REACTION_REMOVE_EMOJI");
        assertThat(emoji).hasSize(1);
        assertThat(emoji.getFirst().d().path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(emoji.getFirst().d().path("message_id").asString()).isEqualTo(messageId);

        assertThat(rest.delete(reactions(), owner.token()).status()).isEqualTo(204);
        assertThat(message(owner).has("reactions")).isFalse();
        var all = events.of(guild.id(), "MESSAGE_REACTION_REMOVE_ALL");
        assertThat(all).hasSize(1);
        assertThat(all.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(all.getFirst().d().path("message_id").asString()).isEqualTo(messageId);
        assertThat(all.getFirst().d().path("guild_id").asString()).isEqualTo(guild.id());
    }

    @Test
    void aMessageTakesAtMostTwentyDistinctEmoji() {
        for (int i = 0; i < 20; i++) {
            String emoji = URLEncoder.encode(Character.toString(0x1F600 + i), StandardCharsets.UTF_8);
            assertThat(rest.put(reactions() + "/" + emoji + "/@me", owner.token()).status()).isEqualTo(204);
        }
        String twentyFirst = URLEncoder.encode(Character.toString(0x1F600 + 20), StandardCharsets.UTF_8);

        assertError(rest.put(reactions() + "/" + twentyFirst + "/@me", member.token()), 400, 30010, "Maximum number of reactions reached (20)");
        assertThat(rest.put(reactions() + "/" + URLEncoder.encode(Character.toString(0x1F600), StandardCharsets.UTF_8) + "/@me",
                member.token()).status()).isEqualTo(204);
        assertThat(message(owner).path("reactions").size()).isEqualTo(20);
    }

    @Test
    void withoutAddReactionsOnlyExistingEmojiCanBeAdded() {
        String channel = accounts.channelDenyingEveryone(owner, guild, Permission.ADD_REACTIONS);
        String id = accounts.send(owner, channel, "limited").json().path("id").asString();
        rest.put(reactions(channel, id) + "/" + THUMBS_UP + "/@me", owner.token());

        assertThat(rest.put(reactions(channel, id) + "/" + THUMBS_UP + "/@me", member.token()).status()).isEqualTo(204);
        assertError(rest.put(reactions(channel, id) + "/%F0%9F%8E%89/@me", member.token()), 403, 50013, "Missing Permissions");
        assertThat(rest.get("/channels/" + channel + "/messages/" + id, owner.token()).json().path("reactions").size()).isEqualTo(1);
    }

    @Test
    void aCustomEmojiNeedsUseExternalEmojis() {
        String channel = accounts.channelDenyingEveryone(owner, guild, Permission.USE_EXTERNAL_EMOJIS);
        String id = accounts.send(owner, channel, "no externals").json().path("id").asString();

        assertError(rest.put(reactions(channel, id) + "/" + CUSTOM + "/@me", member.token()), 403, 50013, "Missing Permissions");
        assertThat(rest.put(reactions(channel, id) + "/" + THUMBS_UP + "/@me", member.token()).status()).isEqualTo(204);
    }

    @Test
    void unknownMessagesAndHiddenChannels() {
        String unknown = Long.toString((System.currentTimeMillis() - 1420070400000L) << 22);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        String secret = accounts.send(owner, hidden, "secret").json().path("id").asString();

        assertError(rest.put(reactions(guild.generalId(), unknown) + "/" + THUMBS_UP + "/@me", member.token()), 404, 10008, "Unknown Message");
        assertError(rest.get(reactions(guild.generalId(), unknown) + "/" + THUMBS_UP, member.token()), 404, 10008, "Unknown Message");
        assertError(rest.put(reactions(hidden, secret) + "/" + THUMBS_UP + "/@me", member.token()), 403, 50001, "Missing Access");
        assertError(rest.delete(reactions(hidden, secret), member.token()), 403, 50001, "Missing Access");
        assertThat(events.of(guild.id(), "MESSAGE_REACTION_ADD")).isEmpty();
    }
}
