package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BulkDeleteTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(131);
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

    private String bulkPath() {
        return "/channels/" + guild.generalId() + "/messages/bulk-delete";
    }

    private List<String> sendSome(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(accounts.send(member, guild.generalId(), "m" + i).json().path("id").asString());
        return ids;
    }

    private int historySize() {
        return rest.get("/channels/" + guild.generalId() + "/messages?limit=100", owner.token()).json().size();
    }

    @Test
    void aModeratorDeletesSeveralMessagesSkippingUnknownIdsAndOneEventIsPublished() {
        List<String> ids = sendSome(3);
        String unknown = Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis() - 60_000));
        List<String> body = new ArrayList<>(ids.subList(0, 2));
        body.add(unknown);

        Response r = rest.post(bulkPath(), owner.token(), Map.of("messages", body));

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(historySize()).isEqualTo(1);
        var bulk = events.of(guild.id(), "MESSAGE_DELETE_BULK");
        assertThat(bulk).hasSize(1);
        assertThat(bulk.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        var d = bulk.getFirst().d();
        assertThat(d.path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        List<String> eventIds = new ArrayList<>();
        d.path("ids").forEach(n -> eventIds.add(n.asString()));
        assertThat(eventIds).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));
    }

    @Test
    void withoutManageMessagesNothingIsDeleted() {
        List<String> ids = sendSome(2);

        assertError(rest.post(bulkPath(), member.token(), Map.of("messages", ids)), 403, 50013, "Missing Permissions");
        assertThat(historySize()).isEqualTo(2);
    }

    @Test
    void aChannelTheCallerCannotViewIsMissingAccess() {
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        List<String> ids = List.of(accounts.send(owner, hidden, "a").json().path("id").asString(),
                accounts.send(owner, hidden, "b").json().path("id").asString());

        assertError(rest.post("/channels/" + hidden + "/messages/bulk-delete", member.token(), Map.of("messages", ids)),
                403, 50001, "Missing Access");
    }

    @Test
    void fewerThanTwoOrMoreThanAHundredIdsAreFormErrors() {
        List<String> ids = sendSome(2);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) many.add(Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis() - 1000) + i));

        assertInvalidForm(rest.post(bulkPath(), owner.token(), Map.of("messages", ids.subList(0, 1))), "BASE_TYPE_MIN_LENGTH", "messages");
        assertInvalidForm(rest.post(bulkPath(), owner.token(), Map.of("messages", many)), "BASE_TYPE_MAX_LENGTH", "messages");
        assertInvalidForm(rest.post(bulkPath(), owner.token(), Map.of()), "BASE_TYPE_REQUIRED", "messages");
        assertInvalidForm(rest.post(bulkPath(), owner.token(), Map.of("messages", List.of(ids.getFirst(), "x"))), "NUMBER_TYPE_COERCE", "messages.1");
        assertThat(historySize()).isEqualTo(2);
    }

    @Test
    void duplicateIdsAreAFormError() {
        List<String> ids = sendSome(1);

        assertInvalidFormAt(rest.post(bulkPath(), owner.token(), Map.of("messages", List.of(ids.getFirst(), ids.getFirst()))), "messages");
        assertThat(historySize()).isEqualTo(1);
    }

    @Test
    void anIdOlderThanFourteenDaysRefusesTheWholeRequest() {
        List<String> ids = new ArrayList<>(sendSome(2));
        ids.add(Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis() - Duration.ofDays(15).toMillis())));

        assertError(rest.post(bulkPath(), owner.token(), Map.of("messages", ids)), 400, 50034,
                "You can only bulk delete messages that are under 14 days old.");
        assertThat(historySize()).isEqualTo(2);
    }
}
