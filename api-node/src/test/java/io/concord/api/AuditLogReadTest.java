package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /guilds/{g}/audit-logs}: newest first, filtered by actor and action type, paged with
 * before (descending) and after (ascending, as Discord answers and JDA pages forward), limited to
 * 1..100; only for members with VIEW_AUDIT_LOG.
 */
class AuditLogReadTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(281);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final RoleFixtures roles = api.roles();
    private static final AuditLogs audit = new AuditLogs(rest);
    private static User owner;
    private static User moderator;
    private static User member;
    private static Accounts.Guild guild;
    private static String g;
    /** The ids of the entries written in {@link #history}, oldest first, with their action types and actors. */
    private static final List<String> ids = new ArrayList<>();
    private static final List<Integer> types = new ArrayList<>();
    private static final List<String> actors = new ArrayList<>();

    @BeforeAll
    static void history() {
        Accounts.GuildWithMember w = accounts.guildWithMember();
        owner = w.owner();
        member = w.member();
        guild = w.guild();
        g = guild.id();
        String mods = roles.role(owner, guild, "mods", Permission.VIEW_AUDIT_LOG | Permission.MANAGE_NICKNAMES | Permission.MANAGE_CHANNELS);
        moderator = roles.memberWith(owner, guild, mods);
        rest.patch("/guilds/" + g, owner.token(), Map.of("name", "History guild"));
        rest.patch("/guilds/" + g + "/members/" + member.id(), moderator.token(), Map.of("nick", "watched"));
        rest.post("/guilds/" + g + "/channels", moderator.token(), Map.of("name", "one"));
        rest.post("/guilds/" + g + "/channels", moderator.token(), Map.of("name", "two"));
        audit.read(g, owner.token(), "limit=100").path("audit_log_entries").forEach(e -> {
            ids.addFirst(e.path("id").asString());
            types.addFirst(e.path("action_type").asInt());
            actors.addFirst(e.path("user_id").asString());
        });
    }

    private static List<String> idsOf(JsonNode answer) {
        List<String> found = new ArrayList<>();
        answer.path("audit_log_entries").forEach(e -> found.add(e.path("id").asString()));
        return found;
    }

    @Test
    void theLogIsNewestFirstWithEveryListDiscordsClientsRead() {
        JsonNode answer = audit.read(g, owner.token(), "");

        assertThat(idsOf(answer)).containsExactlyElementsOf(ids.reversed());
        assertThat(types).containsSubsequence(30, 25, 1, 24, 10, 10);
        for (String list : List.of("users", "integrations", "webhooks", "guild_scheduled_events", "threads", "application_commands",
                "auto_moderation_rules")) {
            assertThat(answer.path(list).isArray()).as(list).isTrue();
        }
        List<String> users = new ArrayList<>();
        answer.path("users").forEach(u -> users.add(u.path("id").asString()));
        assertThat(users).as("actors and user targets").contains(owner.id(), moderator.id(), member.id()).doesNotHaveDuplicates();
    }

    @Test
    void filtersByActorAndActionType() {
        List<String> byModerator = idsOf(audit.read(g, owner.token(), "user_id=" + moderator.id()));
        List<String> expected = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) if (actors.get(i).equals(moderator.id())) expected.add(ids.get(i));
        assertThat(byModerator).hasSize(3).containsExactlyElementsOf(expected);

        JsonNode channelCreates = audit.read(g, owner.token(), "action_type=10");
        assertThat(channelCreates.path("audit_log_entries")).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("action_type").asInt()).isEqualTo(10));
        assertThat(audit.read(g, owner.token(), "action_type=10&user_id=" + owner.id()).path("audit_log_entries")).isEmpty();
        assertThat(audit.read(g, owner.token(), "action_type=22").path("audit_log_entries")).isEmpty();
    }

    @Test
    void beforePagesBackwardAndAfterPagesForwardOldestFirst() {
        int n = ids.size();
        assertThat(idsOf(audit.read(g, owner.token(), "limit=2"))).containsExactly(ids.get(n - 1), ids.get(n - 2));
        assertThat(idsOf(audit.read(g, owner.token(), "limit=2&before=" + ids.get(n - 2)))).containsExactly(ids.get(n - 3), ids.get(n - 4));
        assertThat(idsOf(audit.read(g, owner.token(), "limit=2&after=0"))).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(audit.read(g, owner.token(), "limit=2&after=" + ids.get(1)))).containsExactly(ids.get(2), ids.get(3));
        assertThat(idsOf(audit.read(g, owner.token(), "after=" + ids.get(n - 1)))).isEmpty();
        assertThat(idsOf(audit.read(g, owner.token(), "before=" + ids.get(n - 1) + "&after=" + ids.get(n - 4))))
                .containsExactly(ids.get(n - 2), ids.get(n - 3));
    }

    @Test
    void withoutALimitTheNewestFiftyAreAnswered() {
        User busy = accounts.register();
        Accounts.Guild busyGuild = accounts.createGuild(busy);
        for (int i = 0; i < 51; i++) {
            assertThat(rest.post("/channels/" + busyGuild.generalId() + "/invites", busy.token(), Map.of()).status()).isEqualTo(200);
        }
        List<String> all = idsOf(audit.read(busyGuild.id(), busy.token(), "limit=100"));
        assertThat(all).hasSize(51);

        assertThat(idsOf(audit.read(busyGuild.id(), busy.token(), ""))).containsExactlyElementsOf(all.subList(0, 50));
    }

    @Test
    void readingNeedsViewAuditLog() {
        assertThat(audit.get(g, moderator.token(), "").status()).isEqualTo(200);
        assertError(audit.get(g, member.token(), ""), 403, 50013, "Missing Permissions");
        assertError(audit.get(g, accounts.register().token(), ""), 403, 50001, "Missing Access");
        assertError(audit.get("1234567890123", owner.token(), ""), 404, 10004, "Unknown Guild");
    }

    @Test
    void badQueryParametersAreFormErrorsNamingTheField() {
        assertInvalidForm(audit.get(g, owner.token(), "limit=0"), "NUMBER_TYPE_MIN", "limit");
        assertInvalidForm(audit.get(g, owner.token(), "limit=101"), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(audit.get(g, owner.token(), "limit=ten"), "NUMBER_TYPE_COERCE", "limit");
        assertInvalidForm(audit.get(g, owner.token(), "user_id=me"), "NUMBER_TYPE_COERCE", "user_id");
        assertInvalidForm(audit.get(g, owner.token(), "before=-1"), "NUMBER_TYPE_COERCE", "before");
        assertInvalidForm(audit.get(g, owner.token(), "after=1e9"), "NUMBER_TYPE_COERCE", "after");
        assertInvalidForm(audit.get(g, owner.token(), "action_type=kick"), "NUMBER_TYPE_COERCE", "action_type");
        assertInvalidForm(audit.get(g, owner.token(), "action_type=0"), "ENUM_TYPE_COERCE", "action_type");
        assertInvalidForm(audit.get("guild", owner.token(), ""), "NUMBER_TYPE_COERCE", "guild_id");
        assertThat(audit.get(g, owner.token(), "limit=100").status()).isEqualTo(200);
        assertThat(audit.get(g, owner.token(), "limit=1").status()).isEqualTo(200);
    }
}
