package io.concord.api;

import static io.concord.api.AuditLogs.change;
import static io.concord.api.AuditLogs.changedKeys;
import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Each administrative action writes exactly one entry (two where Discord writes two) with its action
 * type, actor, target, only the fields that changed, its options and the reason as the client sent
 * it; a refused action writes nothing.
 */
class AuditLogRecordingTest {
    /** URL-encoded on the way, as JDA encodes it: spaces, '+', '%', '&', '/' and non-ASCII must all survive. */
    private static final String REASON = "Spring cleanup: 50% off + ünïcode ✓ & more/less";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(280);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final AuditLogs audit = new AuditLogs(rest);
    private User owner;
    private User member;
    private Accounts.Guild guild;
    private String g;
    private String mark;

    @BeforeEach
    void newGuild() {
        Accounts.GuildWithMember w = accounts.guildWithMember();
        owner = w.owner();
        member = w.member();
        guild = w.guild();
        g = guild.id();
        mark = audit.mark(g, owner.token());
    }

    private JsonNode single() {
        return audit.single(g, owner.token(), mark);
    }

    private void assertEntry(JsonNode e, int actionType, String actorId, String targetId) {
        assertThat(e.path("action_type").asInt()).as("action_type of %s", e).isEqualTo(actionType);
        assertThat(e.path("user_id").asString()).as("user_id of %s", e).isEqualTo(actorId);
        if (targetId == null) assertThat(e.path("target_id").isNull() || e.path("target_id").isMissingNode()).as("target of %s", e).isTrue();
        else assertThat(e.path("target_id").asString()).as("target_id of %s", e).isEqualTo(targetId);
        assertThat(e.path("reason").asString()).as("reason of %s", e).isEqualTo(REASON);
    }

    private Response act(String method, String path, Object body) {
        return audit.withReason(method, path, owner.token(), body, REASON);
    }

    private void advanceMark() {
        mark = audit.mark(g, owner.token());
    }

    @Test
    void aGuildUpdateRecordsOnlyTheFieldsThatChanged() {
        String oldName = guild.body().path("name").asString();
        assertThat(act("PATCH", "/guilds/" + g, Map.of("name", "Renamed guild", "afk_timeout", 300)).status()).isEqualTo(200);

        JsonNode e = single();
        assertEntry(e, 1, owner.id(), g);
        assertThat(changedKeys(e)).containsExactly("name");
        assertThat(change(e, "name").path("old_value").asString()).isEqualTo(oldName);
        assertThat(change(e, "name").path("new_value").asString()).isEqualTo("Renamed guild");
    }

    @Test
    void channelCreateUpdateAndDeleteEachWriteOneEntry() {
        Response created = act("POST", "/guilds/" + g + "/channels", Map.of("name", "audited", "type", 0));
        assertThat(created.status()).isEqualTo(201);
        String channelId = created.json().path("id").asString();
        JsonNode create = single();
        assertEntry(create, 10, owner.id(), channelId);
        assertThat(change(create, "name").path("new_value").asString()).isEqualTo("audited");
        assertThat(change(create, "name").has("old_value")).isFalse();
        assertThat(change(create, "type").path("new_value").asInt()).isEqualTo(0);

        advanceMark();
        assertThat(act("PATCH", "/channels/" + channelId, Map.of("topic", "rules", "rate_limit_per_user", 30, "name", "audited")).status())
                .isEqualTo(200);
        JsonNode update = single();
        assertEntry(update, 11, owner.id(), channelId);
        assertThat(changedKeys(update)).containsExactlyInAnyOrder("topic", "rate_limit_per_user");
        assertThat(change(update, "rate_limit_per_user").path("old_value").asInt()).isEqualTo(0);
        assertThat(change(update, "rate_limit_per_user").path("new_value").asInt()).isEqualTo(30);
        assertThat(change(update, "topic").path("new_value").asString()).isEqualTo("rules");

        advanceMark();
        assertThat(act("DELETE", "/channels/" + channelId, null).status()).isEqualTo(200);
        JsonNode delete = single();
        assertEntry(delete, 12, owner.id(), channelId);
        assertThat(change(delete, "name").path("old_value").asString()).isEqualTo("audited");
        assertThat(change(delete, "name").has("new_value")).isFalse();
    }

    @Test
    void overwriteCreateUpdateAndDeleteNameTheOverwriteInTheirOptions() {
        Response role = rest.post("/guilds/" + g + "/roles", owner.token(), Map.of("name", "readers"));
        String roleId = role.json().path("id").asString();
        advanceMark();
        String path = "/channels/" + guild.generalId() + "/permissions/" + roleId;

        assertThat(act("PUT", path, Map.of("type", 0, "allow", "1024", "deny", "0")).status()).isEqualTo(204);
        JsonNode create = single();
        assertEntry(create, 13, owner.id(), guild.generalId());
        assertThat(create.path("options").path("id").asString()).isEqualTo(roleId);
        assertThat(create.path("options").path("type").asString()).isEqualTo("0");
        assertThat(create.path("options").path("role_name").asString()).isEqualTo("readers");
        assertThat(change(create, "allow").path("new_value").asString()).isEqualTo("1024");

        advanceMark();
        assertThat(act("PUT", path, Map.of("type", 0, "allow", "3072", "deny", "0")).status()).isEqualTo(204);
        JsonNode update = single();
        assertEntry(update, 14, owner.id(), guild.generalId());
        assertThat(changedKeys(update)).containsExactly("allow");
        assertThat(change(update, "allow").path("old_value").asString()).isEqualTo("1024");
        assertThat(change(update, "allow").path("new_value").asString()).isEqualTo("3072");

        advanceMark();
        assertThat(act("DELETE", path, null).status()).isEqualTo(204);
        JsonNode delete = single();
        assertEntry(delete, 15, owner.id(), guild.generalId());
        assertThat(delete.path("options").path("id").asString()).isEqualTo(roleId);
        assertThat(change(delete, "allow").path("old_value").asString()).isEqualTo("3072");
    }

    @Test
    void roleCreateUpdateAndDeleteEachWriteOneEntry() {
        Response created = act("POST", "/guilds/" + g + "/roles", Map.of("name", "mods", "permissions", "8192"));
        String roleId = created.json().path("id").asString();
        JsonNode create = single();
        assertEntry(create, 30, owner.id(), roleId);
        assertThat(change(create, "name").path("new_value").asString()).isEqualTo("mods");
        assertThat(change(create, "permissions").path("new_value").asString()).isEqualTo("8192");

        advanceMark();
        assertThat(act("PATCH", "/guilds/" + g + "/roles/" + roleId, Map.of("name", "moderators", "permissions", "8192")).status())
                .isEqualTo(200);
        JsonNode update = single();
        assertEntry(update, 31, owner.id(), roleId);
        assertThat(changedKeys(update)).containsExactly("name");
        assertThat(change(update, "name").path("old_value").asString()).isEqualTo("mods");

        advanceMark();
        assertThat(act("DELETE", "/guilds/" + g + "/roles/" + roleId, null).status()).isEqualTo(204);
        JsonNode delete = single();
        assertEntry(delete, 32, owner.id(), roleId);
        assertThat(change(delete, "name").path("old_value").asString()).isEqualTo("moderators");
    }

    @Test
    void aMemberUpdateRecordsNicknameMuteAndTimeout() {
        String until = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
        Response r = act("PATCH", "/guilds/" + g + "/members/" + member.id(),
                Map.of("nick", "Nicky", "mute", true, "communication_disabled_until", until));
        assertThat(r.status()).as("%s", r).isEqualTo(200);

        JsonNode e = single();
        assertEntry(e, 24, owner.id(), member.id());
        assertThat(changedKeys(e)).containsExactlyInAnyOrder("nick", "mute", "communication_disabled_until");
        assertThat(change(e, "nick").path("new_value").asString()).isEqualTo("Nicky");
        assertThat(change(e, "mute").path("old_value").asBoolean(true)).isFalse();
        assertThat(change(e, "mute").path("new_value").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(change(e, "communication_disabled_until").path("new_value").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse(until).toInstant());
    }

    @Test
    void memberRoleChangesAreRecordedAsAddAndRemoveOfPartialRoles() {
        String roleId = rest.post("/guilds/" + g + "/roles", owner.token(), Map.of("name", "helpers")).json().path("id").asString();
        String path = "/guilds/" + g + "/members/" + member.id() + "/roles/" + roleId;
        advanceMark();

        assertThat(act("PUT", path, null).status()).isEqualTo(204);
        JsonNode add = single();
        assertEntry(add, 25, owner.id(), member.id());
        assertThat(changedKeys(add)).containsExactly("$add");
        assertThat(change(add, "$add").path("new_value").path(0).path("id").asString()).isEqualTo(roleId);
        assertThat(change(add, "$add").path("new_value").path(0).path("name").asString()).isEqualTo("helpers");

        advanceMark();
        assertThat(act("DELETE", path, null).status()).isEqualTo(204);
        JsonNode remove = single();
        assertEntry(remove, 25, owner.id(), member.id());
        assertThat(changedKeys(remove)).containsExactly("$remove");
        assertThat(change(remove, "$remove").path("new_value").path(0).path("id").asString()).isEqualTo(roleId);

        advanceMark();
        assertThat(act("PATCH", "/guilds/" + g + "/members/" + member.id(), Map.of("roles", List.of(roleId))).status()).isEqualTo(200);
        JsonNode patched = single();
        assertEntry(patched, 25, owner.id(), member.id());
        assertThat(changedKeys(patched)).containsExactly("$add");
    }

    @Test
    void inviteCreateAndDeleteAreRecordedWithTheCode() {
        Response invite = act("POST", "/channels/" + guild.generalId() + "/invites", Map.of("max_uses", 5));
        String code = invite.json().path("code").asString();
        JsonNode create = single();
        assertEntry(create, 40, owner.id(), null);
        assertThat(change(create, "code").path("new_value").asString()).isEqualTo(code);
        assertThat(change(create, "max_uses").path("new_value").asInt()).isEqualTo(5);
        assertThat(change(create, "channel_id").path("new_value").asString()).isEqualTo(guild.generalId());

        advanceMark();
        assertThat(act("DELETE", "/invites/" + code, null).status()).isEqualTo(200);
        JsonNode delete = single();
        assertEntry(delete, 42, owner.id(), null);
        assertThat(change(delete, "code").path("old_value").asString()).isEqualTo(code);
    }

    @Test
    void addingABotRecordsTheBotAsTarget() {
        Bots.Bot bot = api.bots().create(owner, "Audited Bot");
        advanceMark();
        Response r = act("POST", "/oauth2/authorize?client_id=" + bot.applicationId() + "&scope=bot&permissions=0",
                Map.of("guild_id", g, "permissions", "0", "authorize", true));
        assertThat(r.status()).as("%s", r).isEqualTo(200);

        assertEntry(single(), 28, owner.id(), bot.userId());
    }

    @Test
    void aModeratorDeletingAMessageIsRecordedButAnAuthorDeletingTheirOwnIsNot() {
        String own = accounts.send(member, guild.generalId(), "mine").json().path("id").asString();
        String other = accounts.send(member, guild.generalId(), "spam").json().path("id").asString();
        advanceMark();

        assertThat(audit.withReason("DELETE", "/channels/" + guild.generalId() + "/messages/" + own, member.token(), null, REASON)
                .status()).isEqualTo(204);
        assertThat(audit.since(g, owner.token(), mark)).isEmpty();

        assertThat(act("DELETE", "/channels/" + guild.generalId() + "/messages/" + other, null).status()).isEqualTo(204);
        JsonNode e = single();
        assertEntry(e, 72, owner.id(), member.id());
        assertThat(e.path("options").path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(e.path("options").path("count").asString()).isEqualTo("1");
    }

    @Test
    void pinAndUnpinAreRecordedWithTheMessage() {
        String message = accounts.send(member, guild.generalId(), "pin me").json().path("id").asString();
        advanceMark();
        String path = "/channels/" + guild.generalId() + "/messages/pins/" + message;

        assertThat(act("PUT", path, null).status()).isEqualTo(204);
        JsonNode pin = single();
        assertEntry(pin, 74, owner.id(), member.id());
        assertThat(pin.path("options").path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(pin.path("options").path("message_id").asString()).isEqualTo(message);

        advanceMark();
        assertThat(act("DELETE", path, null).status()).isEqualTo(204);
        assertEntry(single(), 75, owner.id(), member.id());
    }

    @Test
    void refusedAndInvalidActionsRecordNothing() {
        String roleId = rest.post("/guilds/" + g + "/roles", owner.token(), Map.of("name", "stable")).json().path("id").asString();
        advanceMark();

        assertError(audit.withReason("PATCH", "/guilds/" + g, member.token(), Map.of("name", "Hijacked"), REASON),
                403, 50013, "Missing Permissions");
        assertError(audit.withReason("POST", "/guilds/" + g + "/roles", member.token(), Map.of("name", "mine"), REASON),
                403, 50013, "Missing Permissions");
        assertInvalidForm(act("POST", "/guilds/" + g + "/channels", Map.of("name", "x".repeat(101))), "BASE_TYPE_BAD_LENGTH", "name");
        Response tooLong = audit.withReason("PATCH", "/guilds/" + g + "/roles/" + roleId, owner.token(), Map.of("name", "changed"),
                "r".repeat(513));
        assertInvalidForm(tooLong, "BASE_TYPE_MAX_LENGTH", "reason");
        assertThat(act("PATCH", "/guilds/" + g + "/roles/" + roleId, Map.of("name", "stable")).status()).as("a no-op edit").isEqualTo(200);

        assertThat(rest.get("/guilds/" + g + "/roles/" + roleId, owner.token()).json().path("name").asString()).isEqualTo("stable");
        assertThat(audit.since(g, owner.token(), mark)).isEmpty();
    }

    @Test
    void eachEntryIsAnnouncedGuildWideWithItsGuildId() {
        GuildEvents.Mark before = events.mark(g);
        String roleId = act("POST", "/guilds/" + g + "/roles", Map.of("name", "announced")).json().path("id").asString();
        JsonNode stored = single();

        List<GuildEvents.Event> published = events.since(before, "GUILD_AUDIT_LOG_ENTRY_CREATE");
        assertThat(published).hasSize(1);
        GuildEvents.Event event = published.getFirst();
        assertThat(event.channelId()).isZero();
        assertThat(event.userIds()).isEmpty();
        assertThat(event.d().path("guild_id").asString()).isEqualTo(g);
        assertThat(event.d().path("id").asString()).isEqualTo(stored.path("id").asString());
        assertThat(event.d().path("action_type").asInt()).isEqualTo(30);
        assertThat(event.d().path("target_id").asString()).isEqualTo(roleId);
        assertThat(event.d().path("reason").asString()).isEqualTo(REASON);
        assertThat(event.d().path("changes")).isEqualTo(stored.path("changes"));
    }
}
