package io.concord.common.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.json.Json;
import io.concord.common.model.Role;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Permission bitsets on the wire: unsigned 64-bit decimal strings, read back to the same bits (discord-api.md 2.1). */
class PermissionWireTest {

    static Overwrite read(String json) {
        return Json.mapper().readValue(json, Overwrite.class);
    }

    @Test
    void bitsetsWithBit63AreWrittenUnsigned() {
        JsonNode o = Json.tree(new Overwrite(5, Overwrite.ROLE, -1L, 1L << 63));

        assertThat(o.path("allow").isString()).isTrue();
        assertThat(o.path("allow").asString()).isEqualTo("18446744073709551615");
        assertThat(o.path("deny").asString()).isEqualTo("9223372036854775808");
        assertThat(o.path("id").asString()).isEqualTo("5");
        assertThat(o.path("type").isInt()).isTrue();
    }

    @Test
    void bitsetsWithBit63ReadBackToTheSameBits() {
        Overwrite o = read("{\"id\":\"5\",\"type\":1,\"allow\":\"18446744073709551615\",\"deny\":\"9223372036854775808\"}");

        assertThat(o).isEqualTo(new Overwrite(5, Overwrite.MEMBER, -1L, 1L << 63));
    }

    @Test
    void numbersAreAcceptedAsJdaMaySendThem() {
        assertThat(read("{\"id\":5,\"type\":0,\"allow\":1024,\"deny\":0}")).isEqualTo(new Overwrite(5, 0, 1024, 0));
    }

    @Test
    void negativeOversizedAndNonDecimalStringsAreRejected() {
        for (String bad : new String[] {"-1", "18446744073709551616", "0x10", "1e3", "", " 1"}) {
            assertThatThrownBy(() -> read("{\"id\":\"5\",\"type\":0,\"allow\":\"" + bad + "\",\"deny\":\"0\"}")).as(bad)
                    .isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void rolePermissionsAndAllAreUnsignedDecimalStrings() {
        JsonNode role = Json.tree(Role.create(7, "high", 0, false, 1, (1L << 63) | Permission.VIEW_CHANNEL, false, false));
        JsonNode all = Json.tree(Role.create(8, "all", 0, false, 1, Permission.ALL, false, false));

        assertThat(role.path("permissions").asString()).isEqualTo("9223372036854776832");
        assertThat(all.path("permissions").asString()).isEqualTo("8866461766385663");
    }

    @Property
    void everyBitsetSurvivesTheRoundTrip(@ForAll long id, @ForAll long allow, @ForAll long deny) {
        Overwrite o = new Overwrite(id, Overwrite.ROLE, allow, deny);
        String json = Json.write(o);

        assertThat(Json.parse(json).path("allow").asString()).matches("[0-9]{1,20}").isEqualTo(Long.toUnsignedString(allow));
        assertThat(read(json)).isEqualTo(o);
    }
}
