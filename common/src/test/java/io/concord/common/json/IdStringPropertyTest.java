package io.concord.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import tools.jackson.databind.JsonNode;

/** The id codec: every long goes out as its unsigned decimal string and reads back to the same bits. */
class IdStringPropertyTest {

    @Property
    void everyLongIsWrittenAsItsUnsignedDecimal(@ForAll long id, @ForAll List<Long> ids) {
        JsonNode json = Json.tree(new JsonTest.Ids(id, id, ids, id));

        assertThat(json.get("id").asString()).isEqualTo(Long.toUnsignedString(id));
        assertThat(Long.parseUnsignedLong(json.get("id").asString())).isEqualTo(id);
        assertThat(json.get("maybe_id").asString()).isEqualTo(Long.toUnsignedString(id));
        assertThat(json.get("ids").size()).isEqualTo(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(Long.parseUnsignedLong(json.get("ids").get(i).asString())).isEqualTo(ids.get(i));
        }
    }

    @Property
    void writtenTextParsesBackToTheSameTree(@ForAll long id, @ForAll List<Long> ids) {
        JsonTest.Ids value = new JsonTest.Ids(id, null, ids, id);

        // compared as text: the tree holds a LongNode where the parser makes an IntNode
        assertThat(Json.parse(Json.write(value)).toString()).isEqualTo(Json.write(value));
    }
}
