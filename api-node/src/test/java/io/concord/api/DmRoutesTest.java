package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * DMs and group DMs over REST: opening, listing, reading, renaming, recipients, closing and leaving;
 * the message paths in a DM; refusals that change nothing; and the guild-0 events each change
 * publishes, addressed to the recipients by user id.
 */
class DmRoutesTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(176);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = new GuildEvents();
    private Accounts.User a;
    private Accounts.User b;
    private Accounts.User c;

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void users() {
        a = accounts.register();
        b = accounts.register();
        c = accounts.register();
    }

    // --- 1:1 DMs -------------------------------------------------------------------------------

    @Test
    void openingADmReturnsOneChannelForThePairWithTheOtherUserAsRecipientAndTellsBoth() {
        GuildEvents.Mark mark = events.mark("0");

        JsonNode dm = ok(rest.post("/users/@me/channels", a.token(), Map.of("recipient_id", b.id())));

        assertThat(dm.path("type").asInt()).isEqualTo(1);
        assertThat(ids(dm.path("recipients"))).containsExactly(b.id());
        assertThat(dm.has("owner_id")).isFalse();
        assertThat(dm.path("id").asString()).isEqualTo(ok(rest.post("/users/@me/channels", a.token(), Map.of("recipient_id", b.id()))).path("id").asString());
        JsonNode fromB = ok(rest.post("/users/@me/channels", b.token(), Map.of("recipient_id", Long.parseLong(a.id()))));
        assertThat(fromB.path("id").asString()).isEqualTo(dm.path("id").asString());
        assertThat(ids(fromB.path("recipients"))).containsExactly(a.id());
        List<GuildEvents.Event> creates = forChannel(events.since(mark, "CHANNEL_CREATE"), dm.path("id").asString());
        assertThat(creates).as("one CHANNEL_CREATE per recipient on creation, then one per open").hasSize(4);
        GuildEvents.Event first = creates.getFirst();
        assertThat(first.guildId()).isZero();
        assertThat(creates.subList(0, 2)).extracting(e -> e.userIds().getFirst()).containsExactlyInAnyOrder(id(a), id(b));
        for (GuildEvents.Event e : creates) {
            assertThat(e.userIds()).hasSize(1);
            assertThat(ids(e.d().path("recipients"))).as("the viewer is never among the recipients").doesNotContain(Long.toString(e.userIds().getFirst()));
        }
    }

    @Test
    void theDmIsListedReadableAndClosedForItsRecipientsOnly() {
        String dm = openDm(a, b);

        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).containsExactly(dm);
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).containsExactly(dm);
        assertThat(ids(ok(rest.get("/users/@me/channels", c.token())))).isEmpty();
        JsonNode got = ok(rest.get("/channels/" + dm, b.token()));
        assertThat(got.path("type").asInt()).isEqualTo(1);
        assertThat(ids(got.path("recipients"))).containsExactly(a.id());
        assertError(rest.get("/channels/" + dm, c.token()), 403, 50001, "Missing Access");
        assertError(rest.delete("/channels/" + dm, c.token()), 403, 50001, "Missing Access");
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).containsExactly(dm);

        GuildEvents.Mark mark = events.mark("0");
        JsonNode closed = ok(rest.delete("/channels/" + dm, a.token()));

        assertThat(closed.path("id").asString()).isEqualTo(dm);
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).isEmpty();
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).as("closing is the closer's alone").containsExactly(dm);
        List<GuildEvents.Event> deletes = forChannel(events.since(mark, "CHANNEL_DELETE"), dm);
        assertThat(deletes).hasSize(1);
        assertThat(deletes.getFirst().userIds()).containsExactly(id(a));
        assertThat(openDm(a, b)).as("reopening gives the same channel back").isEqualTo(dm);
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).containsExactly(dm);
    }

    @Test
    void aMessageInADmTheOtherClosedListsItForThemAgainWithACreateFirst() {
        String dm = openDm(a, b);
        ok(rest.delete("/channels/" + dm, b.token()));
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).isEmpty();
        GuildEvents.Mark mark = events.mark("0");

        ok(accounts.send(a, dm, "are you there?"));

        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).containsExactly(dm);
        List<GuildEvents.Event> after = forChannel(events.since(mark), dm);
        assertThat(after).extracting(GuildEvents.Event::type).containsExactly("CHANNEL_CREATE", "MESSAGE_CREATE");
        assertThat(after.getFirst().userIds()).containsExactly(id(b));
        assertThat(ids(after.getFirst().d().path("recipients"))).containsExactly(a.id());

        GuildEvents.Mark again = events.mark("0");
        ok(accounts.send(a, dm, "still there"));
        assertThat(forChannel(events.since(again), dm)).extracting(GuildEvents.Event::type).as("open already: no create").containsExactly("MESSAGE_CREATE");
    }

    @Test
    void recipientsWithOneOtherUserOpensTheOneDmAsTheOfficialClientDoes() {
        String dm = openDm(a, b);
        JsonNode viaRecipients = ok(rest.post("/users/@me/channels", b.token(), Map.of("recipients", List.of(a.id()))));
        assertThat(viaRecipients.path("type").asInt()).isEqualTo(1);
        assertThat(viaRecipients.path("id").asString()).isEqualTo(dm);
        assertThat(ok(rest.post("/users/@me/channels", c.token(), Map.of("recipients", List.of(a.id(), c.id())))).path("type").asInt())
                .as("the caller among the recipients counts once").isEqualTo(1);
    }

    @Test
    void aDmToOneselfIsRefusedAndCreatesNothing() {
        assertError(rest.post("/users/@me/channels", a.token(), Map.of("recipient_id", a.id())), 400, 50007, "Cannot send messages to this user");
        assertError(rest.post("/users/@me/channels", a.token(), Map.of("recipients", List.of(a.id()))), 400, 50007, "Cannot send messages to this user");
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).isEmpty();
    }

    @Test
    void aBotOpensADmWithAUserButNotWithAnotherBot() {
        Bots bots = api.bots();
        Bots.Bot one = bots.create(a, "Dm Bot One");
        Bots.Bot two = bots.create(a, "Dm Bot Two");

        JsonNode dm = ok(rest.post("/users/@me/channels", one.token(), Map.of("recipient_id", b.id())));
        assertThat(ids(dm.path("recipients"))).containsExactly(b.id());
        assertError(rest.post("/users/@me/channels", one.token(), Map.of("recipient_id", two.userId())), 400, 50007, "Cannot send messages to this user");
        assertThat(ids(ok(rest.get("/users/@me/channels", one.token())))).containsExactly(dm.path("id").asString());
        assertThat(ids(ok(rest.get("/users/@me/channels", two.token())))).isEmpty();
    }

    @Test
    void aDmWithSomeoneWhoIsNotAUserIsUnknownUserAndMalformedIdsAreFormErrors() {
        assertError(rest.post("/users/@me/channels", a.token(), Map.of("recipient_id", "4242424242424242")), 404, 10013, "Unknown User");
        assertInvalidFormAt(rest.post("/users/@me/channels", a.token(), Map.of("recipient_id", "not-a-snowflake")), "recipient_id");
        assertInvalidForm(rest.post("/users/@me/channels", a.token(), Map.of()), "BASE_TYPE_REQUIRED", "recipient_id");
        assertInvalidFormAt(rest.post("/users/@me/channels", a.token(), Map.of("recipients", List.of(b.id(), "x"))), "recipients.1");
        assertInvalidFormAt(rest.post("/users/@me/channels", a.token(), Map.of("recipients", "nope")), "recipients");
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).isEmpty();
    }

    // --- messages in DMs -----------------------------------------------------------------------

    @Test
    void recipientsSendReadEditReactAndTypeInADmAndOthersCannot() {
        String dm = openDm(a, b);
        GuildEvents.Mark mark = events.mark("0");

        JsonNode sent = ok(accounts.send(a, dm, "hi b"));
        String m = sent.path("id").asString();

        assertThat(sent.has("guild_id")).as("a DM message has no guild_id").isFalse();
        assertThat(sent.path("channel_id").asString()).isEqualTo(dm);
        JsonNode history = ok(rest.get("/channels/" + dm + "/messages", b.token()));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("content").asString()).isEqualTo("hi b");
        assertThat(ok(rest.patch("/channels/" + dm + "/messages/" + m, a.token(), Map.of("content", "hi B"))).path("content").asString())
                .isEqualTo("hi B");
        assertThat(rest.put("/channels/" + dm + "/messages/" + m + "/reactions/%F0%9F%91%8D/@me", b.token()).status()).isEqualTo(204);
        assertThat(rest.post("/channels/" + dm + "/typing", b.token(), Map.of()).status()).isEqualTo(204);

        // Not a recipient: nothing readable, nothing writable.
        assertError(accounts.send(c, dm, "let me in"), 403, 50001, "Missing Access");
        assertError(rest.get("/channels/" + dm + "/messages", c.token()), 403, 50001, "Missing Access");
        assertError(rest.patch("/channels/" + dm + "/messages/" + m, c.token(), Map.of("content", "x")), 403, 50001, "Missing Access");
        assertError(rest.put("/channels/" + dm + "/messages/" + m + "/reactions/%F0%9F%91%8D/@me", c.token()), 403, 50001, "Missing Access");
        // A recipient has no MANAGE_MESSAGES in a DM: the other's message stays.
        assertError(rest.delete("/channels/" + dm + "/messages/" + m, b.token()), 403, 50013, "Missing Permissions");
        assertThat(ok(rest.get("/channels/" + dm + "/messages", a.token()))).hasSize(1);

        List<GuildEvents.Event> dmEvents = events.since(mark).stream().filter(e -> e.channelId() == Long.parseLong(dm)).toList();
        assertThat(dmEvents).extracting(GuildEvents.Event::type)
                .containsExactly("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_REACTION_ADD", "TYPING_START");
        for (GuildEvents.Event e : dmEvents) {
            assertThat(e.guildId()).isZero();
            assertThat(e.userIds()).as("%s names both recipients", e.type()).containsExactlyInAnyOrder(id(a), id(b));
            assertThat(e.d().has("guild_id")).as("%s payload has no guild_id", e.type()).isFalse();
        }

        assertThat(rest.delete("/channels/" + dm + "/messages/" + m, a.token()).status()).isEqualTo(204);
        assertThat(ok(rest.get("/channels/" + dm + "/messages", b.token()))).isEmpty();
    }

    @Test
    void eitherRecipientPinsInADmAndTheEventsHaveNoGuild() {
        String dm = openDm(a, b);
        String m = ok(accounts.send(a, dm, "pin me")).path("id").asString();
        GuildEvents.Mark mark = events.mark("0");

        assertError(rest.put("/channels/" + dm + "/messages/pins/" + m, c.token()), 403, 50001, "Missing Access");
        assertThat(rest.put("/channels/" + dm + "/messages/pins/" + m, b.token()).status()).isEqualTo(204);

        assertThat(ok(rest.get("/channels/" + dm + "/pins", a.token()))).extracting(n -> n.path("id").asString()).containsExactly(m);
        List<GuildEvents.Event> pinsUpdates = forChannel(events.since(mark, "CHANNEL_PINS_UPDATE"), dm);
        assertThat(pinsUpdates).hasSize(1);
        assertThat(pinsUpdates.getFirst().userIds()).containsExactlyInAnyOrder(id(a), id(b));
        assertThat(pinsUpdates.getFirst().d().has("guild_id")).isFalse();
    }

    @Test
    void recipientsAckADmAndOthersCannot() {
        String dm = openDm(a, b);
        String m = ok(accounts.send(a, dm, "read me")).path("id").asString();
        GuildEvents.Mark mark = events.mark("0");

        assertError(rest.postRaw("/channels/" + dm + "/messages/" + m + "/ack", c.token(), "{\"token\":null}"), 403, 50001, "Missing Access");
        assertThat(forChannel(events.since(mark, "MESSAGE_ACK"), dm)).isEmpty();
        assertThat(rest.postRaw("/channels/" + dm + "/messages/" + m + "/ack", b.token(), "{\"token\":null}").status()).isEqualTo(200);

        List<GuildEvents.Event> acks = forChannel(events.since(mark, "MESSAGE_ACK"), dm);
        assertThat(acks).hasSize(1);
        assertThat(acks.getFirst().userIds()).as("an ack in a DM is the acking user's alone").containsExactly(id(b));
        JsonNode entry = StreamSupport.stream(ok(rest.get("/users/@me/read-states", b.token())).path("entries").spliterator(), false)
                .filter(e -> e.path("id").asString().equals(dm)).findFirst().orElseThrow();
        assertThat(entry.path("last_message_id").asString()).isEqualTo(m);
    }

    @Test
    void aDmMessageCanMentionTheOtherRecipientButNotAStranger() {
        String dm = openDm(a, b);
        JsonNode sent = ok(accounts.send(a, dm, "<@" + b.id() + "> and <@" + c.id() + ">"));
        assertThat(ids(sent.path("mentions"))).containsExactly(b.id());
    }

    // --- group DMs -----------------------------------------------------------------------------

    @Test
    void aGroupDmHoldsTheCallerAndTheRecipientsWithTheCallerAsOwner() {
        GuildEvents.Mark mark = events.mark("0");

        JsonNode group = ok(rest.post("/users/@me/channels", a.token(), Map.of("recipients", List.of(b.id(), c.id()), "name", "trio")));

        String id = group.path("id").asString();
        assertThat(group.path("type").asInt()).isEqualTo(3);
        assertThat(group.path("owner_id").asString()).isEqualTo(a.id());
        assertThat(group.path("name").asString()).isEqualTo("trio");
        assertThat(ids(group.path("recipients"))).containsExactlyInAnyOrder(b.id(), c.id());
        assertThat(ids(ok(rest.get("/users/@me/channels", c.token())))).containsExactly(id);
        JsonNode seenByC = ok(rest.get("/channels/" + id, c.token()));
        assertThat(ids(seenByC.path("recipients"))).containsExactlyInAnyOrder(a.id(), b.id());
        List<GuildEvents.Event> creates = forChannel(events.since(mark, "CHANNEL_CREATE"), id);
        assertThat(creates).extracting(e -> e.userIds().getFirst()).containsExactlyInAnyOrder(id(a), id(b), id(c));

        GuildEvents.Mark sent = events.mark("0");
        ok(accounts.send(c, id, "hello all"));
        List<GuildEvents.Event> created = forChannel(events.since(sent, "MESSAGE_CREATE"), id);
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().userIds()).containsExactlyInAnyOrder(id(a), id(b), id(c));
    }

    @Test
    void anyRecipientRenamesAGroupDmButA1on1DmHasNoName() {
        String group = group(a, b, c);
        GuildEvents.Mark mark = events.mark("0");

        JsonNode renamed = ok(rest.patch("/channels/" + group, b.token(), Map.of("name", "renamed")));

        assertThat(renamed.path("name").asString()).isEqualTo("renamed");
        assertThat(ok(rest.get("/channels/" + group, a.token())).path("name").asString()).isEqualTo("renamed");
        assertThat(forChannel(events.since(mark, "CHANNEL_UPDATE"), group)).extracting(e -> e.userIds().getFirst())
                .containsExactlyInAnyOrder(id(a), id(b), id(c));
        assertInvalidFormAt(rest.patch("/channels/" + group, b.token(), Map.of("name", "x".repeat(101))), "name");
        Accounts.User stranger = accounts.register();
        assertError(rest.patch("/channels/" + group, stranger.token(), Map.of("name", "mine")), 403, 50001, "Missing Access");
        assertThat(ok(rest.get("/channels/" + group, a.token())).path("name").asString()).isEqualTo("renamed");
        String dm = openDm(a, b);
        assertError(rest.patch("/channels/" + dm, a.token(), Map.of("name", "x")), 400, 50003, "Cannot execute action on a DM channel");
    }

    @Test
    void theOwnerAddsAndRemovesRecipientsAndEveryoneElseIsTold() {
        String group = group(a, b, c);
        Accounts.User d = accounts.register();
        GuildEvents.Mark mark = events.mark("0");

        assertThat(rest.put("/channels/" + group + "/recipients/" + d.id(), a.token()).status()).isEqualTo(204);

        assertThat(ids(ok(rest.get("/channels/" + group, a.token())).path("recipients"))).containsExactlyInAnyOrder(b.id(), c.id(), d.id());
        List<GuildEvents.Event> adds = forChannel(events.since(mark, "CHANNEL_RECIPIENT_ADD"), group);
        assertThat(adds).hasSize(1);
        assertThat(adds.getFirst().userIds()).containsExactlyInAnyOrder(id(a), id(b), id(c));
        assertThat(adds.getFirst().d().path("user").path("id").asString()).isEqualTo(d.id());
        assertThat(forChannel(events.since(mark, "CHANNEL_CREATE"), group)).extracting(e -> e.userIds().getFirst()).containsExactly(id(d));

        GuildEvents.Mark removal = events.mark("0");
        assertThat(rest.delete("/channels/" + group + "/recipients/" + d.id(), a.token()).status()).isEqualTo(204);

        assertThat(ids(ok(rest.get("/channels/" + group, a.token())).path("recipients"))).containsExactlyInAnyOrder(b.id(), c.id());
        assertError(rest.get("/channels/" + group, d.token()), 403, 50001, "Missing Access");
        assertThat(forChannel(events.since(removal, "CHANNEL_DELETE"), group)).extracting(e -> e.userIds().getFirst()).containsExactly(id(d));
        List<GuildEvents.Event> removes = forChannel(events.since(removal, "CHANNEL_RECIPIENT_REMOVE"), group);
        assertThat(removes).hasSize(1);
        assertThat(removes.getFirst().userIds()).containsExactlyInAnyOrder(id(a), id(b), id(c));
    }

    @Test
    void aMemberMayOnlyRemoveThemselvesAndStrangersNothing() {
        String group = group(a, b, c);
        Accounts.User stranger = accounts.register();

        assertError(rest.delete("/channels/" + group + "/recipients/" + c.id(), b.token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete("/channels/" + group + "/recipients/" + b.id(), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.put("/channels/" + group + "/recipients/" + stranger.id(), stranger.token()), 403, 50001, "Missing Access");
        assertThat(ids(ok(rest.get("/channels/" + group, a.token())).path("recipients"))).containsExactlyInAnyOrder(b.id(), c.id());

        assertThat(rest.delete("/channels/" + group + "/recipients/" + b.id(), b.token()).status()).isEqualTo(204);
        assertThat(ids(ok(rest.get("/channels/" + group, a.token())).path("recipients"))).containsExactly(c.id());
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).doesNotContain(group);
    }

    @Test
    void whenTheOwnerLeavesOwnershipPassesAndTheLastToLeaveEndsTheGroup() {
        String group = group(a, b, c);

        JsonNode left = ok(rest.delete("/channels/" + group, a.token()));

        assertThat(left.path("id").asString()).isEqualTo(group);
        JsonNode now = ok(rest.get("/channels/" + group, b.token()));
        assertThat(now.path("owner_id").asString()).isIn(b.id(), c.id());
        assertThat(ids(now.path("recipients"))).containsExactly(c.id());
        assertThat(rest.delete("/channels/" + group, b.token()).status()).isEqualTo(200);
        assertThat(ok(rest.get("/channels/" + group, c.token())).path("owner_id").asString()).isEqualTo(c.id());
        assertThat(rest.delete("/channels/" + group, c.token()).status()).isEqualTo(200);
        assertError(rest.get("/channels/" + group, c.token()), 404, 10003, "Unknown Channel");
    }

    @Test
    void recipientChangesRefuseUnknownIdsAnd1on1Dms() {
        String group = group(a, b, c);
        String dm = openDm(a, b);

        assertError(rest.put("/channels/" + group + "/recipients/4242424242424242", a.token()), 404, 10013, "Unknown User");
        assertError(rest.delete("/channels/" + group + "/recipients/4242424242424242", a.token()), 404, 10013, "Unknown User");
        assertError(rest.put("/channels/4242424242424242/recipients/" + c.id(), a.token()), 404, 10003, "Unknown Channel");
        assertInvalidFormAt(rest.put("/channels/" + group + "/recipients/zzz", a.token()), "user_id");
        assertError(rest.put("/channels/" + dm + "/recipients/" + c.id(), a.token()), 400, 50003, "Cannot execute action on a DM channel");
        assertThat(ids(ok(rest.get("/channels/" + dm, a.token())).path("recipients"))).containsExactly(b.id());
        assertThat(ids(ok(rest.get("/channels/" + group, a.token())).path("recipients"))).containsExactlyInAnyOrder(b.id(), c.id());
    }

    @Test
    void aGroupOverTheRecipientCapIsRefusedAndNothingIsCreated() {
        // The cap (10 by default) counts the caller: 10 others make 11.
        List<String> eleven = new ArrayList<>();
        eleven.add(b.id());
        eleven.add(c.id());
        for (int i = 0; i < 8; i++) eleven.add(accounts.register().id());

        assertError(rest.post("/users/@me/channels", a.token(), Map.of("recipients", eleven)), 400, 30004, "Maximum number of recipients reached (10)");
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).isEmpty();
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).isEmpty();

        JsonNode ten = ok(rest.post("/users/@me/channels", a.token(), Map.of("recipients", eleven.subList(0, 9))));
        String group = ten.path("id").asString();
        assertThat(ten.path("recipients")).hasSize(9);
        assertError(rest.put("/channels/" + group + "/recipients/" + eleven.get(9), a.token()), 400, 30004, "Maximum number of recipients reached (10)");
        assertThat(ok(rest.get("/channels/" + group, a.token())).path("recipients")).hasSize(9);
    }

    @Test
    void aGroupWithSomeoneWhoIsNotAUserIsRefusedAndNothingIsCreated() {
        assertError(rest.post("/users/@me/channels", a.token(), Map.of("recipients", List.of(b.id(), "4242424242424242"))), 404, 10013, "Unknown User");
        assertThat(ids(ok(rest.get("/users/@me/channels", a.token())))).isEmpty();
        assertThat(ids(ok(rest.get("/users/@me/channels", b.token())))).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private String openDm(Accounts.User from, Accounts.User to) {
        return ok(rest.post("/users/@me/channels", from.token(), Map.of("recipient_id", to.id()))).path("id").asString();
    }

    private String group(Accounts.User owner, Accounts.User... others) {
        List<String> ids = java.util.Arrays.stream(others).map(Accounts.User::id).toList();
        return ok(rest.post("/users/@me/channels", owner.token(), Map.of("recipients", ids))).path("id").asString();
    }

    private static JsonNode ok(Response r) {
        assertThat(r.status()).as("%s", r).isBetween(200, 201);
        return r.json();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asString()).toList();
    }

    private static long id(Accounts.User u) {
        return Long.parseLong(u.id());
    }

    private static List<GuildEvents.Event> forChannel(List<GuildEvents.Event> list, String channelId) {
        return list.stream().filter(e -> e.channelId() == Long.parseLong(channelId)).toList();
    }
}
