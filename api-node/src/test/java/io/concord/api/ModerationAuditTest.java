package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What kick, ban, unban, bulk ban and bulk delete leave in the guild's audit log, read back through
 * {@code GET /guilds/{g}/audit-logs}: actor, target, options and the URL-encoded reason as JDA sends
 * it; a refused action leaves nothing.
 */
class ModerationAuditTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(243);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final AuditLogs audit = new AuditLogs(rest);

    private static void assertEntry(JsonNode entry, int actionType, Accounts.User actor, String target, String reason) {
        assertThat(entry.path("action_type").asInt()).as("%s", entry).isEqualTo(actionType);
        assertThat(entry.path("user_id").asString()).isEqualTo(actor.id());
        assertThat(entry.path("target_id").asString()).isEqualTo(target);
        if (reason == null) assertThat(entry.has("reason") && !entry.path("reason").isNull()).as("%s", entry).isFalse();
        else assertThat(entry.path("reason").asString()).isEqualTo(reason);
    }

    @Test
    void aKickABanAndAnUnbanEachWriteOneEntryWithActorTargetAndReason() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        Accounts.User banned = accounts.register();
        String guild = g.guild().id();
        String mark = audit.mark(guild, g.owner().token());

        assertThat(audit.withReason("DELETE", "/guilds/" + guild + "/members/" + g.member().id(), g.owner().token(), null, "cooling off: 1/2")
                .status()).isEqualTo(204);
        assertThat(audit.withReason("PUT", "/guilds/" + guild + "/bans/" + banned.id(), g.owner().token(), Map.of(), "raid & spam")
                .status()).isEqualTo(204);
        // Banned already: nothing changes, nothing is logged.
        assertThat(audit.withReason("PUT", "/guilds/" + guild + "/bans/" + banned.id(), g.owner().token(), Map.of(), "again")
                .status()).isEqualTo(204);
        assertThat(rest.delete("/guilds/" + guild + "/bans/" + banned.id(), g.owner().token()).status()).isEqualTo(204);

        List<JsonNode> entries = audit.since(guild, g.owner().token(), mark);
        assertThat(entries).hasSize(3);
        assertEntry(entries.get(0), 20, g.owner(), g.member().id(), "cooling off: 1/2");
        assertEntry(entries.get(1), 22, g.owner(), banned.id(), "raid & spam");
        assertEntry(entries.get(2), 23, g.owner(), banned.id(), null);
    }

    @Test
    void aBulkBanWritesOneBanEntryPerBannedUserAndNoneForTheFailed() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        Accounts.User stranger = accounts.register();
        String guild = g.guild().id();
        String mark = audit.mark(guild, g.owner().token());

        Response r = audit.withReason("POST", "/guilds/" + guild + "/bulk-ban", g.owner().token(),
                Map.of("user_ids", List.of(g.member().id(), stranger.id(), g.owner().id())), "wave");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("failed_users").get(0).asString()).isEqualTo(g.owner().id());

        List<JsonNode> entries = audit.since(guild, g.owner().token(), mark);
        assertThat(entries).hasSize(2);
        List<String> targets = new ArrayList<>();
        for (JsonNode e : entries) {
            assertThat(e.path("action_type").asInt()).isEqualTo(22);
            assertThat(e.path("reason").asString()).isEqualTo("wave");
            targets.add(e.path("target_id").asString());
        }
        assertThat(targets).containsExactlyInAnyOrder(g.member().id(), stranger.id());
    }

    @Test
    void aBulkDeleteWritesTheChannelAndHowManyMessagesWent() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String channel = g.guild().generalId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(accounts.send(g.member(), channel, "m" + i).json().path("id").asString());
        ids.add(Long.toString(Long.parseLong(ids.getLast()) + 1)); // names no message: skipped, not counted
        String mark = audit.mark(g.guild().id(), g.owner().token());

        Response r = audit.withReason("POST", "/channels/" + channel + "/messages/bulk-delete", g.owner().token(), Map.of("messages", ids), "cleanup");
        assertThat(r.status()).as("%s", r).isEqualTo(204);

        JsonNode entry = audit.single(g.guild().id(), g.owner().token(), mark);
        assertEntry(entry, 73, g.owner(), channel, "cleanup");
        assertThat(entry.path("options").path("count").asString()).isEqualTo("3");
    }

    @Test
    void aRefusedKickOrBanWritesNothing() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String guild = g.guild().id();
        String mark = audit.mark(guild, g.owner().token());

        assertThat(rest.delete("/guilds/" + guild + "/members/" + g.owner().id(), g.member().token()).status()).isEqualTo(403);
        assertThat(rest.put("/guilds/" + guild + "/bans/" + g.owner().id(), g.member().token(), Map.of()).status()).isEqualTo(403);

        assertThat(audit.since(guild, g.owner().token(), mark)).isEmpty();
    }
}
