package io.concord.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.model.Channel;
import io.concord.common.model.Guild;
import io.concord.common.model.Member;
import io.concord.common.model.Message;
import io.concord.common.model.PartialGuild;
import io.concord.common.model.Role;
import io.concord.common.model.User;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class JsonTest {
    public record Ids(@IdString long id, @IdString Long maybeId, @IdStrings List<Long> ids, long plain) {}

    public record Optionals(String present, String absent, Optional<String> empty, List<String> emptyList) {}

    static final OffsetDateTime JOINED = OffsetDateTime.of(2025, 6, 1, 12, 30, 45, 123_000_000, ZoneOffset.UTC);

    static User alice() {
        return User.of(175928847299117063L, "alice", "Alice", false);
    }

    // --- ids -----------------------------------------------------------------------------------

    @Test
    void idStringWritesALongAsADecimalString() {
        JsonNode json = Json.tree(new Ids(175928847299117063L, 42L, List.of(), 7));

        assertThat(json.get("id").isString()).isTrue();
        assertThat(json.get("id").asString()).isEqualTo("175928847299117063");
        assertThat(json.get("maybe_id").asString()).isEqualTo("42");
        assertThat(json.get("plain").isNumber()).isTrue();
    }

    @Test
    void idStringWritesBit63Unsigned() {
        assertThat(Json.write(new Ids(-1L, Long.MIN_VALUE, List.of(-1L), 0)))
                .isEqualTo("{\"id\":\"18446744073709551615\",\"maybe_id\":\"9223372036854775808\","
                        + "\"ids\":[\"18446744073709551615\"],\"plain\":0}");
    }

    @Test
    void idStringsWritesEachElementAsAString() {
        JsonNode json = Json.tree(new Ids(1, null, List.of(1L, 175928847299117063L, Long.MAX_VALUE), 0));

        assertThat(json.get("ids").isArray()).isTrue();
        assertThat(json.get("ids")).allSatisfy(n -> assertThat(n.isString()).isTrue());
        assertThat(json.get("ids").toString()).isEqualTo("[\"1\",\"175928847299117063\",\"9223372036854775807\"]");
    }

    @Test
    void nullFieldsAreOmittedButEmptyListsAndFalseAreKept() {
        JsonNode ids = Json.tree(new Ids(1, null, List.of(), 0));
        JsonNode opt = Json.tree(new Optionals("x", null, Optional.empty(), List.of()));

        assertThat(ids.has("maybe_id")).isFalse();
        assertThat(ids.get("ids").isArray()).isTrue();
        assertThat(ids.get("ids").size()).isZero();
        assertThat(opt.has("absent")).isFalse();
        assertThat(opt.has("empty")).isFalse();
        assertThat(opt.get("present").asString()).isEqualTo("x");
        assertThat(opt.has("empty_list")).isTrue();
        assertThat(Json.write(new Optionals(null, null, Optional.empty(), null))).isEqualTo("{}");
    }

    // --- Discord objects -----------------------------------------------------------------------

    @Test
    void roleIsWrittenWithColorsPrimaryColorAndStringPermissions() {
        JsonNode json = Json.tree(Role.create(100, "@everyone", 0x3498db, true, 0, Permission.DEFAULT_EVERYONE, false, false));

        assertThat(json.get("id").asString()).isEqualTo("100");
        assertThat(json.at("/colors/primary_color").asInt()).isEqualTo(0x3498db);
        assertThat(json.at("/colors").has("secondary_color")).isFalse();
        assertThat(json.get("permissions").isString()).isTrue();
        assertThat(json.get("permissions").asString()).isEqualTo(Long.toUnsignedString(Permission.DEFAULT_EVERYONE));
        assertThat(json.get("hoist").asBoolean()).isTrue();
        assertThat(json.has("managed")).isTrue();
        assertThat(json.has("mentionable")).isTrue();
    }

    @Test
    void messageUsesSnakeCaseAndStringIds() {
        Message m = new Message(175928847299117063L, 0, 300, 100L, alice(), null, "hi", JOINED, null,
                false, true, List.of(), List.of(201L, 202L), List.of(), List.of(), List.of(), "n1", false, 0);
        JsonNode json = Json.tree(m);

        assertThat(json.get("id").asString()).isEqualTo("175928847299117063");
        assertThat(json.get("channel_id").asString()).isEqualTo("300");
        assertThat(json.get("guild_id").asString()).isEqualTo("100");
        assertThat(json.get("mention_everyone").asBoolean()).isTrue();
        assertThat(json.get("mention_roles").toString()).isEqualTo("[\"201\",\"202\"]");
        assertThat(json.at("/author/id").asString()).isEqualTo("175928847299117063");
        assertThat(json.at("/author/global_name").asString()).isEqualTo("Alice");
        assertThat(json.has("member")).isFalse();
        assertThat(json.has("edited_timestamp")).isFalse();
        assertThat(json.has("channelId")).isFalse();
        assertThat(json.has("mentionEveryone")).isFalse();
    }

    @Test
    void aDirectMessageHasNoGuildId() {
        Message m = new Message(1, 0, 300, null, alice(), null, "hi", JOINED, null,
                false, false, List.of(), List.of(), List.of(), List.of(), List.of(), null, false, 0);

        assertThat(Json.tree(m).has("guild_id")).isFalse();
        assertThat(Json.tree(m).has("nonce")).isFalse();
    }

    @Test
    void aPersonHasNoBotFieldAndABotHasBotTrue() {
        assertThat(Json.tree(alice()).has("bot")).isFalse();
        assertThat(Json.tree(User.of(2, "robo", null, true)).get("bot").asBoolean()).isTrue();
        assertThat(Json.tree(alice()).get("discriminator").asString()).isEqualTo("0");
    }

    @Test
    void offsetDateTimeIsWrittenAsAnIsoOffsetString() {
        Member member = new Member(alice(), null, List.of(201L), JOINED, false, false, 0, false, null);
        JsonNode json = Json.tree(member);

        JsonNode joinedAt = json.get("joined_at");
        assertThat(joinedAt.isString()).isTrue();
        // what JDA does with it (Helpers.toTimestamp)
        OffsetDateTime parsed = OffsetDateTime.parse(joinedAt.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertThat(parsed.isEqual(JOINED)).isTrue();
        assertThat(json.has("communication_disabled_until")).isFalse();
        assertThat(json.has("nick")).isFalse();
        assertThat(json.get("roles").toString()).isEqualTo("[\"201\"]");
    }

    @Test
    void offsetDateTimeKeepsItsInstantWhateverTheOffset() {
        OffsetDateTime plusTwo = OffsetDateTime.of(2025, 6, 1, 14, 30, 45, 0, ZoneOffset.ofHours(2));
        Member member = new Member(null, "nick", List.of(), plusTwo, false, false, 0, false, plusTwo.plusMinutes(10));
        JsonNode json = Json.tree(member);

        assertThat(OffsetDateTime.parse(json.get("joined_at").asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).isEqual(plusTwo)).isTrue();
        assertThat(OffsetDateTime.parse(json.get("communication_disabled_until").asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .isEqual(plusTwo.plusMinutes(10))).isTrue();
        assertThat(json.has("user")).isFalse();
    }

    @Test
    void channelOverwritesHaveStringIdAllowAndDenyAndANumericType() {
        Channel c = new Channel(300, 0, 100L, "general", 0, null, null, false, 0,
                List.of(new Overwrite(100, Overwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                        new Overwrite(2, Overwrite.MEMBER, Permission.ALL, 0)));
        JsonNode json = Json.tree(c);

        assertThat(json.get("guild_id").asString()).isEqualTo("100");
        assertThat(json.has("parent_id")).isFalse();
        assertThat(json.get("rate_limit_per_user").asInt()).isZero();
        JsonNode ow = json.get("permission_overwrites");
        assertThat(ow.get(0).get("id").asString()).isEqualTo("100");
        assertThat(ow.get(0).get("type").isInt()).isTrue();
        assertThat(ow.get(0).get("allow").asString()).isEqualTo("0");
        assertThat(ow.get(0).get("deny").asString()).isEqualTo("1024");
        assertThat(ow.get(1).get("type").asInt()).isEqualTo(1);
        assertThat(ow.get(1).get("allow").asString()).isEqualTo("8866461766385663");
    }

    @Test
    void guildAndPartialGuildWriteOwnerAndPermissionsAsStrings() {
        JsonNode guild = Json.tree(Guild.of(100, "g", 1, List.of(), 300L));
        JsonNode partial = Json.tree(new PartialGuild(100, "g", null, true, Permission.ALL, List.of()));

        assertThat(guild.get("owner_id").asString()).isEqualTo("1");
        assertThat(guild.get("system_channel_id").asString()).isEqualTo("300");
        assertThat(guild.get("preferred_locale").asString()).isEqualTo("en-US");
        assertThat(guild.has("icon")).isFalse();
        assertThat(partial.get("permissions").asString()).isEqualTo("8866461766385663");
        assertThat(partial.get("owner").asBoolean()).isTrue();
    }

    // --- parsing -------------------------------------------------------------------------------

    @Test
    void parseReadsAnyJsonDocument() {
        assertThat(Json.parse("{\"content\":\"hi\",\"tts\":false}").get("content").asString()).isEqualTo("hi");
        assertThat(Json.parse("[1,2]").size()).isEqualTo(2);
        assertThat(Json.parse(" null ").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "not json", "{'a':1}", "{\"a\":1,}", "[1,2", "{\"a\" 1}"})
    void parseOfInvalidJsonThrowsMalformedJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.MalformedJson.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{\"b\":2}", "1 2"})
    void parseRejectsTrailingContentAfterTheDocument(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.MalformedJson.class);
    }
}
