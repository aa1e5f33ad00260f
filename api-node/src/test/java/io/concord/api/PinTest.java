package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PinTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(134);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private Accounts.User owner;
    private Accounts.User member;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
    }

    private String channel() {
        return "/channels/" + guild.generalId();
    }

    private String send(String content) {
        return accounts.send(member, guild.generalId(), content).json().path("id").asString();
    }

    @Test
    void pinningShowsInBothListsNewestFirstAndPublishesUpdateAndPinsUpdate() {
        String first = send("first");
        String second = send("second");

        assertThat(rest.put(channel() + "/messages/pins/" + first, owner.token()).status()).isEqualTo(204);
        assertThat(rest.put(channel() + "/pins/" + second, owner.token()).status()).isEqualTo(204);

        Response page = rest.get(channel() + "/messages/pins", member.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("has_more").asBoolean(true)).isFalse();
        assertThat(page.json().path("items").size()).isEqualTo(2);
        assertThat(page.json().path("items").path(0).path("message").path("id").asString()).isEqualTo(second);
        assertThat(page.json().path("items").path(0).path("message").path("pinned").asBoolean()).isTrue();
        assertThat(page.json().path("items").path(1).path("message").path("id").asString()).isEqualTo(first);
        OffsetDateTime.parse(page.json().path("items").path(0).path("pinned_at").asString());
        Response legacy = rest.get(channel() + "/pins", member.token());
        assertThat(legacy.json().isArray()).isTrue();
        assertThat(legacy.json().path(0).path("id").asString()).isEqualTo(second);
        assertThat(legacy.json().size()).isEqualTo(2);

        var updates = events.of(guild.id(), "MESSAGE_UPDATE");
        assertThat(updates).hasSize(2);
        assertThat(updates.getFirst().d().path("pinned").asBoolean()).isTrue();
        assertThat(updates.getFirst().d().path("author").path("id").asString()).isEqualTo(member.id());
        var pinsUpdates = events.of(guild.id(), "CHANNEL_PINS_UPDATE");
        assertThat(pinsUpdates).hasSize(2);
        assertThat(pinsUpdates.getLast().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(pinsUpdates.getLast().d().path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(pinsUpdates.getLast().d().path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(pinsUpdates.getLast().d().path("last_pin_timestamp").isString()).isTrue();
    }

    @Test
    void pagingByLimitAndBeforeReportsHasMore() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send("m" + i));
            rest.put(channel() + "/messages/pins/" + ids.getLast(), owner.token());
            Thread.sleep(5); // distinct pin times
        }

        Response first = rest.get(channel() + "/messages/pins?limit=2", member.token());
        assertThat(first.json().path("items").size()).isEqualTo(2);
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        String before = first.json().path("items").path(1).path("pinned_at").asString();
        Response rest2 = rest.get(channel() + "/messages/pins?limit=2&before=" + java.net.URLEncoder.encode(before, java.nio.charset.StandardCharsets.UTF_8), member.token());
        assertThat(rest2.json().path("items").size()).isEqualTo(1);
        assertThat(rest2.json().path("items").path(0).path("message").path("id").asString()).isEqualTo(ids.getFirst());
        assertThat(rest2.json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void unpinningRemovesThePinAndTellsTheChannel() {
        String id = send("pinned for a while");
        rest.put(channel() + "/messages/pins/" + id, owner.token());

        assertThat(rest.delete(channel() + "/messages/pins/" + id, owner.token()).status()).isEqualTo(204);

        assertThat(rest.get(channel() + "/messages/pins", member.token()).json().path("items").size()).isZero();
        assertThat(rest.get(channel() + "/messages/" + id, member.token()).json().path("pinned").asBoolean()).isFalse();
        var pinsUpdates = events.of(guild.id(), "CHANNEL_PINS_UPDATE");
        assertThat(pinsUpdates.getLast().d().has("last_pin_timestamp")).isTrue();
        assertThat(pinsUpdates.getLast().d().path("last_pin_timestamp").isNull()).isTrue();
    }

    @Test
    void pinningWithoutPinOrManageMessagesIsMissingPermissionsAndPinsNothing() {
        String id = send("please pin");

        assertError(rest.put(channel() + "/messages/pins/" + id, member.token()), 403, 50013, "Missing Permissions");
        assertError(rest.put(channel() + "/pins/" + id, member.token()), 403, 50013, "Missing Permissions");

        assertThat(rest.get(channel() + "/messages/pins", owner.token()).json().path("items").size()).isZero();
        assertThat(events.of(guild.id(), "CHANNEL_PINS_UPDATE")).isEmpty();
    }

    @Test
    void unknownMessagesAndHiddenChannels() {
        String unknown = Long.toString((System.currentTimeMillis() - 1420070400000L) << 22);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);

        assertError(rest.put(channel() + "/messages/pins/" + unknown, owner.token()), 404, 10008, "Unknown Message");
        assertError(rest.get("/channels/" + hidden + "/messages/pins", member.token()), 403, 50001, "Missing Access");
        assertError(rest.get("/channels/" + hidden + "/pins", member.token()), 403, 50001, "Missing Access");
    }

    @Test
    void badQueryParametersAreFormErrors() {
        assertInvalidForm(rest.get(channel() + "/messages/pins?limit=51", member.token()), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(rest.get(channel() + "/messages/pins?limit=0", member.token()), "NUMBER_TYPE_MIN", "limit");
        assertInvalidForm(rest.get(channel() + "/messages/pins?before=yesterday", member.token()), "DATE_TIME_TYPE_PARSE", "before");
    }
}
