package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import io.concord.common.test.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What depends on time, on a node whose clock the test moves: the window of messages a ban deletes,
 * and a timeout that masks a member's permissions until it ends.
 */
class ModerationClockTest {
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(241, clock, Map.of("RATE_LIMITS", "off", "ACCESS_TOKEN_TTL_SECONDS", "86400"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures roles = api.roles();
    private static final String THUMBS_UP = "%F0%9F%91%8D";

    private static String send(Accounts.User author, String channelId, String content) {
        Response r = accounts.send(author, channelId, content);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    private static List<String> contents(Accounts.User reader, String channelId) {
        Response r = rest.get("/channels/" + channelId + "/messages?limit=100", reader.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false).map(m -> m.path("content").asString()).toList();
    }

    private static String textChannel(Accounts.User owner, Accounts.Guild guild, String name) {
        Response r = rest.post("/guilds/" + guild.id() + "/channels", owner.token(), Map.of("name", name, "type", 0));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("id").asString();
    }

    @Test
    void aBanDeletesTheBannedUsersMessagesOfItsWindowInEveryChannelAndNothingOlder() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String general = g.guild().generalId();
        String second = textChannel(g.owner(), g.guild(), "second");
        send(g.member(), general, "old");
        clock.advance(Duration.ofHours(2));
        String recent1 = send(g.member(), general, "recent one");
        String bystander = send(g.owner(), general, "bystander");
        String recent2 = send(g.member(), general, "recent two");
        String recent3 = send(g.member(), second, "recent three");
        var mark = events.mark(g.guild().id());

        Response r = rest.put("/guilds/" + g.guild().id() + "/bans/" + g.member().id(), g.owner().token(),
                Map.of("delete_message_seconds", 3600));

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(contents(g.owner(), general)).containsExactly("bystander", "old");
        assertThat(contents(g.owner(), second)).isEmpty();
        var bulk = events.since(mark, "MESSAGE_DELETE_BULK");
        assertThat(bulk).singleElement().satisfies(e -> {
            assertThat(e.channelId()).isEqualTo(Long.parseLong(general));
            assertThat(e.d().path("channel_id").asString()).isEqualTo(general);
            assertThat(e.d().path("guild_id").asString()).isEqualTo(g.guild().id());
            assertThat(e.d().path("ids").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(recent1, recent2);
        });
        assertThat(events.since(mark, "MESSAGE_DELETE")).singleElement().satisfies(e -> {
            assertThat(e.channelId()).isEqualTo(Long.parseLong(second));
            assertThat(e.d().path("id").asString()).isEqualTo(recent3);
        });
        assertThat(bystander).isNotEmpty();
    }

    @Test
    void theDeprecatedDaysFieldStillDeletesAndNoFieldDeletesNothing() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        Accounts.User other = accounts.register();
        accounts.join(g.owner(), g.guild().generalId(), other);
        String general = g.guild().generalId();
        send(g.member(), general, "gone with its author");
        send(other, general, "kept: its author is banned without deletion");

        assertThat(rest.put("/guilds/" + g.guild().id() + "/bans/" + other.id(), g.owner().token(), Map.of()).status()).isEqualTo(204);
        assertThat(rest.put("/guilds/" + g.guild().id() + "/bans/" + g.member().id(), g.owner().token(),
                Map.of("delete_message_days", 1)).status()).isEqualTo(204);

        assertThat(contents(g.owner(), general)).containsExactly("kept: its author is banned without deletion");
    }

    @Test
    void aTimedOutMemberKeepsOnlyViewAndHistoryUntilTheTimeoutEnds() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String modRole = roles.role(owner, guild, "mod", Permission.MODERATE_MEMBERS);
        Accounts.User mod = roles.memberWith(owner, guild, modRole);
        Accounts.User member = roles.member(owner, guild);
        String general = guild.generalId();
        String before = send(member, general, "before");
        String until = clock.instant().plus(Duration.ofHours(1)).toString();

        Response r = rest.patch("/guilds/" + guild.id() + "/members/" + member.id(), mod.token(), Map.of("communication_disabled_until", until));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertError(accounts.send(member, general, "during"), 403, 50013, "Missing Permissions");
        assertError(rest.put("/channels/" + general + "/messages/" + before + "/reactions/" + THUMBS_UP + "/@me", member.token()),
                403, 50013, "Missing Permissions");
        assertError(rest.post("/channels/" + general + "/typing", member.token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.post("/channels/" + general + "/invites", member.token(), Map.of()), 403, 50013, "Missing Permissions");
        assertThat(contents(member, general)).as("history stays readable").containsExactly("before");
        assertThat(rest.get("/channels/" + general, member.token()).status()).as("the channel stays visible").isEqualTo(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(accounts.send(member, general, "after").status()).as("the timeout is over").isEqualTo(200);
    }

    @Test
    void aTimeoutDoesNotBindAnAdministrator() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String modRole = roles.role(owner, guild, "mod", Permission.MODERATE_MEMBERS);
        String adminRole = roles.role(owner, guild, "admin", Permission.ADMINISTRATOR);
        Accounts.User mod = roles.memberWith(owner, guild, modRole);
        Accounts.User member = roles.member(owner, guild);
        String until = clock.instant().plus(Duration.ofHours(1)).toString();
        assertThat(rest.patch("/guilds/" + guild.id() + "/members/" + member.id(), mod.token(),
                Map.of("communication_disabled_until", until)).status()).isEqualTo(200);
        assertError(accounts.send(member, guild.generalId(), "muted"), 403, 50013, "Missing Permissions");

        roles.grant(owner, guild, member, adminRole);

        assertThat(accounts.send(member, guild.generalId(), "an administrator is exempt").status()).isEqualTo(200);
    }
}
