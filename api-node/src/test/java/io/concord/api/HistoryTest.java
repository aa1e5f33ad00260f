package io.concord.api;

import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Pages of a channel holding exactly 30 messages, m0 (oldest) to m29 (newest). */
class HistoryTest {
    private static final int SENT = 30;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(106);
    private static final RestClient rest = api.rest();
    private static Accounts.User owner;
    private static String channelId;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Accounts accounts = api.accounts();
        owner = accounts.register();
        channelId = accounts.createGuild(owner).generalId();
        for (int i = 0; i < SENT; i++) {
            Response r = accounts.send(owner, channelId, "m" + i);
            assertThat(r.status()).isEqualTo(200);
            ids.add(r.json().path("id").asString());
        }
    }

    private static Response page(String query) {
        return rest.get("/channels/" + channelId + "/messages" + query, owner.token());
    }

    private static List<String> contents(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode m : r.json()) out.add(m.path("content").asString());
        return out;
    }

    /** The contents m{from} down to m{to}, newest first. */
    private static List<String> newestFirst(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i >= to; i--) out.add("m" + i);
        return out;
    }

    @Test
    void historyIsNewestFirstWithTheDefaultLimitOf50() {
        Response r = page("");

        assertThat(contents(r)).containsExactlyElementsOf(newestFirst(29, 0));
        assertThat(r.json().path(0).path("id").asString()).isEqualTo(ids.get(29));
    }

    @Test
    void limitReturnsTheNewestMessages() {
        assertThat(contents(page("?limit=1"))).containsExactly("m29");
        assertThat(contents(page("?limit=10"))).containsExactlyElementsOf(newestFirst(29, 20));
        assertThat(contents(page("?limit=100"))).hasSize(SENT);
    }

    @Test
    void aLimitOutside1To100IsAnInvalidFormBody() {
        assertInvalidForm(page("?limit=0"), "NUMBER_TYPE_MIN", "limit");
        assertInvalidForm(page("?limit=101"), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(page("?limit=ten"), "NUMBER_TYPE_COERCE", "limit");
    }

    @Test
    void beforeReturnsTheMessagesJustOlderThanTheAnchor() {
        assertThat(contents(page("?before=" + ids.get(20) + "&limit=5"))).containsExactlyElementsOf(newestFirst(19, 15));
        assertThat(contents(page("?before=" + ids.get(3)))).containsExactlyElementsOf(newestFirst(2, 0));
        assertThat(contents(page("?before=" + ids.get(0)))).isEmpty();
    }

    @Test
    void afterReturnsTheMessagesJustNewerThanTheAnchorNewestFirst() {
        assertThat(contents(page("?after=" + ids.get(5) + "&limit=5"))).containsExactlyElementsOf(newestFirst(10, 6));
        assertThat(contents(page("?after=" + ids.get(25)))).containsExactlyElementsOf(newestFirst(29, 26));
        assertThat(contents(page("?after=" + ids.get(29)))).isEmpty();
    }

    @Test
    void aroundReturnsTheAnchorWithItsNeighboursOnBothSides() {
        assertThat(contents(page("?around=" + ids.get(15) + "&limit=5"))).containsExactlyElementsOf(newestFirst(17, 13));
        assertThat(contents(page("?around=" + ids.get(15) + "&limit=1"))).containsExactly("m15");
    }

    @Test
    void walkingBackwardsWithBeforeVisitsEveryMessageOnce() {
        List<String> seen = new ArrayList<>();
        Response r = page("?limit=7");
        while (r.json().size() > 0) {
            seen.addAll(contents(r));
            r = page("?limit=7&before=" + r.json().path(r.json().size() - 1).path("id").asString());
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst(29, 0));
    }

    @Test
    void aMalformedAnchorIsANumberTypeCoerceError() {
        assertInvalidForm(page("?before=yesterday"), "NUMBER_TYPE_COERCE", "before");
    }
}
