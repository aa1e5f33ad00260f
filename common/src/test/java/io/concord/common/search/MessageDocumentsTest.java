package io.concord.common.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The document mapping: string ids, exact id order from {@code timestamp} + {@code id_low}, {@code has} per source. */
class MessageDocumentsTest {
    private static final long ID = 1_573_568_294_510_198_786L;

    private static JsonNode payload(String json) {
        return Json.parse(json);
    }

    @Test
    void aWholeMessageBecomesADocumentWithStringIdsAndDerivedFields() {
        JsonNode d = payload("""
                {"id":"%d","channel_id":"22","content":"look https://example.com","author":{"id":"33","bot":true},
                 "mentions":[{"id":"44"}],"mention_roles":["55"],"mention_everyone":true,"pinned":true,
                 "attachments":[{"filename":"a.PNG"},{"filename":"b.bin","content_type":"audio/ogg"}],
                 "embeds":[{"type":"video"}],"sticker_items":[{"id":"1"}]}""".formatted(ID));
        ObjectNode doc = MessageDocuments.full(d, 11).orElseThrow();
        assertThat(doc.path("id").asString()).isEqualTo(Long.toString(ID));
        assertThat(doc.path("guild_id").asString()).isEqualTo("11");
        assertThat(doc.path("author_type").asString()).isEqualTo("bot");
        assertThat(doc.path("mentions").path(0).asString()).isEqualTo("44");
        assertThat(doc.path("mention_roles").path(0).asString()).isEqualTo("55");
        assertThat(doc.path("timestamp").asLong()).isEqualTo(Snowflakes.timestampMs(ID));
        assertThat(strings(doc.path("has_content"))).containsExactly("link");
        assertThat(strings(doc.path("has_attachments"))).containsExactly("file", "image", "sound");
        assertThat(strings(doc.path("has_embeds"))).containsExactly("embed", "video");
        assertThat(strings(doc.path("has_extras"))).containsExactly("sticker");
    }

    @Test
    void aWebhookMessageIsOfTypeWebhookAndUnreadableIdsGiveNoDocument() {
        assertThat(MessageDocuments.full(payload("{\"id\":\"5\",\"channel_id\":\"6\",\"webhook_id\":\"7\",\"author\":{\"id\":\"8\",\"bot\":true}}"), 1)
                .orElseThrow().path("author_type").asString()).isEqualTo("webhook");
        assertThat(MessageDocuments.full(payload("{\"id\":\"x\",\"channel_id\":\"6\",\"author\":{\"id\":\"8\"}}"), 1)).isEmpty();
    }

    @Test
    void aPartialUpdateCarriesOnlyWhatItHas() {
        JsonNode d = payload("{\"id\":\"5\",\"channel_id\":\"6\",\"embeds\":[],\"pinned\":false}");
        assertThat(MessageDocuments.isFull(d)).isFalse();
        ObjectNode doc = MessageDocuments.partial(d).orElseThrow();
        assertThat(doc.propertyNames()).containsExactlyInAnyOrder("id", "has_embeds", "pinned");
    }

    @Property
    void timestampAndLowBitsOrderIdsExactly(@ForAll @LongRange(min = 1L << 22, max = Long.MAX_VALUE) long a,
                                             @ForAll @LongRange(min = 0, max = (1L << 22) - 1) long lowB, @ForAll boolean sameMs) {
        long b = sameMs ? (a & ~((1L << 22) - 1)) | lowB : a ^ (lowB << 22);
        boolean after = Snowflakes.timestampMs(b) > Snowflakes.timestampMs(a)
                || (Snowflakes.timestampMs(b) == Snowflakes.timestampMs(a) && MessageDocuments.idLow(b) > MessageDocuments.idLow(a));
        assertThat(after).isEqualTo(b > a);
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
