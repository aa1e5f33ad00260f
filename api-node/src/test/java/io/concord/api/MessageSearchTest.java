package io.concord.api;

import static io.concord.api.SearchIndexing.await;
import static io.concord.api.SearchIndexing.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.Guild;
import io.concord.api.Accounts.User;
import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code GET /guilds/{g}/messages/search} and the DM search against the real indexer and Meilisearch. */
class MessageSearchTest {
    private static final SearchIndexing indexing = new SearchIndexing();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(200, Clock.systemUTC(), indexing.apiEnvironment(Map.of()));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static User owner;
    private static User member;
    private static Guild guild;
    private static String hidden;
    private static String pie;
    private static String tart;
    private static String mention;
    private static String secret;
    private static String pinned;

    @BeforeAll
    static void guildWithMessages() throws Exception {
        indexing.startIndexer();
        var g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
        hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        pie = send(owner, guild.generalId(), "apple pie recipe");
        tart = send(member, guild.generalId(), "apple tart, see https://example.com/tart");
        mention = send(owner, guild.generalId(), "banana for <@" + member.id() + ">");
        secret = send(owner, hidden, "apple secret plans");
        pinned = send(owner, guild.generalId(), "cherry on top");
        assertThat(rest.put("/channels/" + guild.generalId() + "/messages/pins/" + pinned, owner.token()).status()).isEqualTo(204);
        // Everything indexed, the pin included.
        await(() -> search(owner, "pinned=true"), r -> ids(r).equals(List.of(pinned)));
        await(() -> search(owner, "content=apple"), r -> ids(r).size() == 3);
    }

    @AfterAll
    static void dropIndex() throws Exception {
        indexing.close();
    }

    private static String send(User author, String channel, String content) {
        Response r = accounts.send(author, channel, content);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    /** A search, retried while it answers 202 (the index catching up, e.g. on a loaded machine), as clients do. */
    private static Response search(User caller, String query) {
        return await(() -> rest.get("/guilds/" + guild.id() + "/messages/search?" + query, caller.token()), r -> r.status() != 202);
    }

    private static List<String> ids(Response r) {
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : r.json().path("messages")) ids.add(hit.path(0).path("id").asString());
        return ids;
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    @Test
    void contentSearchAnswersDiscordsShapeNewestFirst() {
        Response r = ok(search(member, "content=apple"));
        assertThat(ids(r)).containsExactly(tart, pie);
        assertThat(r.json().path("total_results").asLong()).isEqualTo(2);
        assertThat(r.json().path("doing_deep_historical_index").asBoolean(true)).isFalse();
        JsonNode hit = r.json().path("messages").path(0);
        assertThat(hit.size()).isEqualTo(1);
        assertThat(hit.path(0).path("content").asString()).isEqualTo("apple tart, see https://example.com/tart");
        assertThat(hit.path(0).path("author").path("id").asString()).isEqualTo(member.id());
        assertThat(hit.path(0).path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(hit.path(0).path("hit").asBoolean()).isTrue();
        assertThat(hit.path(0).has("reactions")).isFalse();
    }

    @Test
    void hiddenChannelsNeverLeakAHitNorACount() {
        assertThat(ids(ok(search(owner, "content=apple")))).containsExactly(secret, tart, pie);
        Response onlyHidden = ok(search(member, "content=secret"));
        assertThat(ids(onlyHidden)).isEmpty();
        assertThat(onlyHidden.json().path("total_results").asLong()).isZero();
        Response filtered = ok(search(member, "channel_id=" + hidden));
        assertThat(ids(filtered)).isEmpty();
        assertThat(filtered.json().path("total_results").asLong()).isZero();
        Response mixed = ok(search(member, "content=apple&channel_id=" + hidden + "&channel_id=" + guild.generalId()));
        assertThat(ids(mixed)).containsExactly(tart, pie);
        assertThat(mixed.json().path("total_results").asLong()).isEqualTo(2);
    }

    @Test
    void filtersNarrowTheResults() {
        assertThat(ids(ok(search(member, "author_id=" + member.id())))).containsExactly(tart);
        assertThat(ids(ok(search(member, "author_id=" + member.id() + "&author_id=" + owner.id() + "&content=apple"))))
                .containsExactly(tart, pie);
        assertThat(ids(ok(search(member, "mentions=" + member.id())))).containsExactly(mention);
        assertThat(ids(ok(search(member, "has=link")))).containsExactly(tart);
        assertThat(ids(ok(search(member, "content=apple&has=-link")))).containsExactly(pie);
        assertThat(ids(ok(search(member, "pinned=true")))).containsExactly(pinned);
        assertThat(ids(ok(search(member, "author_type=bot")))).isEmpty();
        assertThat(ids(ok(search(member, "content=apple&author_type=-bot")))).containsExactly(tart, pie);
        assertThat(ids(ok(search(member, "content=apple&channel_id=" + guild.generalId())))).containsExactly(tart, pie);
    }

    @Test
    void idBoundsAreExclusiveAndExact() {
        assertThat(ids(ok(search(member, "content=apple&min_id=" + pie)))).containsExactly(tart);
        assertThat(ids(ok(search(member, "content=apple&max_id=" + tart)))).containsExactly(pie);
        assertThat(ids(ok(search(member, "content=apple&min_id=" + pie + "&max_id=" + tart)))).isEmpty();
    }

    @Test
    void sortOffsetAndLimitPage() {
        assertThat(ids(ok(search(member, "content=apple&sort_order=asc")))).containsExactly(pie, tart);
        Response first = ok(search(member, "content=apple&limit=1"));
        assertThat(ids(first)).containsExactly(tart);
        assertThat(first.json().path("total_results").asLong()).isEqualTo(2);
        assertThat(ids(ok(search(member, "content=apple&limit=1&offset=1")))).containsExactly(pie);
        assertThat(ids(ok(search(member, "content=apple&sort_by=relevance")))).containsExactlyInAnyOrder(tart, pie);
    }

    @Test
    void editsAndDeletionsFollow() {
        String id = send(member, guild.generalId(), "zebra crossing");
        await(() -> search(member, "content=zebra"), r -> ids(r).equals(List.of(id)));
        assertThat(rest.patch("/channels/" + guild.generalId() + "/messages/" + id, member.token(), Map.of("content", "giraffe crossing"))
                .status()).isEqualTo(200);
        await(() -> search(member, "content=giraffe"), r -> ids(r).equals(List.of(id)));
        assertThat(ids(ok(search(member, "content=zebra")))).isEmpty();
        assertThat(rest.delete("/channels/" + guild.generalId() + "/messages/" + id, member.token()).status()).isEqualTo(204);
        // At once (the hit's message is read from the store) and for good (the document is deleted).
        assertThat(ids(ok(search(member, "content=giraffe")))).isEmpty();
        await(() -> search(member, "content=giraffe"), r -> r.json().path("total_results").asLong() == 0);
    }

    @Test
    void badParametersAreFormErrorsOnTheirField() {
        DiscordErrors.assertInvalidForm(search(member, "content=" + "a".repeat(1025)), "BASE_TYPE_MAX_LENGTH", "content");
        DiscordErrors.assertInvalidForm(search(member, "author_id=abc"), "NUMBER_TYPE_COERCE", "author_id");
        DiscordErrors.assertInvalidForm(search(member, "channel_id=12x"), "NUMBER_TYPE_COERCE", "channel_id");
        DiscordErrors.assertInvalidForm(search(member, "min_id=-5"), "NUMBER_TYPE_COERCE", "min_id");
        DiscordErrors.assertInvalidForm(search(member, "offset=9976"), "NUMBER_TYPE_MAX", "offset");
        DiscordErrors.assertInvalidForm(search(member, "limit=0"), "NUMBER_TYPE_MIN", "limit");
        DiscordErrors.assertInvalidForm(search(member, "limit=26"), "NUMBER_TYPE_MAX", "limit");
        DiscordErrors.assertInvalidForm(search(member, "sort_by=size"), "BASE_TYPE_CHOICES", "sort_by");
        DiscordErrors.assertInvalidForm(search(member, "has=gif"), "BASE_TYPE_CHOICES", "has");
        DiscordErrors.assertInvalidForm(search(member, "pinned=maybe"), "BOOLEAN_TYPE_CONVERT", "pinned");
        StringBuilder many = new StringBuilder("content=apple");
        for (int i = 1; i <= 101; i++) many.append("&author_id=").append(i);
        DiscordErrors.assertInvalidForm(search(member, many.toString()), "BASE_TYPE_MAX_LENGTH", "author_id");
        Response two = search(member, "limit=0&offset=x");
        DiscordErrors.assertInvalidForm(two, "NUMBER_TYPE_MIN", "limit");
        DiscordErrors.assertInvalidForm(two, "NUMBER_TYPE_COERCE", "offset");
        assertThat(ok(search(member, "offset=9975")).json().path("messages").size()).isZero();
        assertThat(ids(ok(search(member, "content=" + encode("apple tart"))))).containsExactly(tart);
    }

    @Test
    void outsidersGetTheGuildRoutesAnswers() {
        User stranger = accounts.register();
        DiscordErrors.assertError(search(stranger, "content=apple"), 403, 50001, "Missing Access");
        Response unknown = rest.get("/guilds/1/messages/search?content=apple", member.token());
        DiscordErrors.assertError(unknown, 404, 10004, "Unknown Guild");
    }

    @Test
    void aMemberWhoCanReadNoChannelFindsNothing() {
        User reader = accounts.register();
        accounts.join(owner, guild.generalId(), reader);
        // READ_MESSAGE_HISTORY denied everywhere for @everyone: views channels, reads none.
        String everyone = guild.id();
        Response roles = rest.patch("/guilds/" + guild.id() + "/roles/" + everyone, owner.token(),
                Map.of("permissions", Long.toString(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES)));
        assertThat(roles.status()).as("%s", roles).isEqualTo(200);
        try {
            Response r = ok(search(reader, "content=apple"));
            assertThat(ids(r)).isEmpty();
            assertThat(r.json().path("total_results").asLong()).isZero();
        } finally {
            rest.patch("/guilds/" + guild.id() + "/roles/" + everyone, owner.token(),
                    Map.of("permissions", Long.toString(Permission.DEFAULT_EVERYONE)));
        }
    }

    @Test
    void aBotNeedsTheMessageContentIntent() {
        Bots bots = api.bots();
        Bot bot = bots.create(owner, "Search Bot");
        bots.addTo(owner, bot, guild.id(), Permission.VIEW_CHANNEL | Permission.READ_MESSAGE_HISTORY);
        int withIntent = bot.application().path("flags").asInt();
        int limitedIntent = 1 << 19;
        assertThat(withIntent & limitedIntent).as("new applications get the limited intent").isNotZero();
        Response r = await(() -> rest.get("/guilds/" + guild.id() + "/messages/search?content=apple", bot.token()), x -> x.status() != 202);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(ids(r)).containsExactly(tart, pie);
        assertThat(rest.patch("/applications/" + bot.applicationId(), owner.token(), Map.of("flags", withIntent & ~limitedIntent)).status())
                .isEqualTo(200);
        DiscordErrors.assertError(rest.get("/guilds/" + guild.id() + "/messages/search?content=apple", bot.token()), 403, 50001,
                "Missing Access");
    }

    @Test
    void dmSearchIsForRecipientsOnly() {
        Response dm = rest.post("/users/@me/channels", owner.token(), Map.of("recipient_id", member.id()));
        assertThat(dm.status()).as("%s", dm).isEqualTo(200);
        String channel = dm.json().path("id").asString();
        String id = send(member, channel, "private walrus");
        Response found = await(() -> rest.get("/channels/" + channel + "/messages/search?content=walrus", owner.token()),
                r -> r.status() == 200 && ids(r).equals(List.of(id)));
        assertThat(found.json().path("messages").path(0).path(0).has("guild_id")).isFalse();
        // The guild search does not reach DMs.
        assertThat(ids(ok(search(member, "content=walrus")))).isEmpty();
        User stranger = accounts.register();
        DiscordErrors.assertError(rest.get("/channels/" + channel + "/messages/search?content=walrus", stranger.token()), 403, 50001,
                "Missing Access");
    }
}
