package io.concord.common.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bit values against the official table (discord-api.md section 2.2). */
class PermissionBitsTest {
    /** Name and decimal value of every row of the official table, copied verbatim. */
    static final Map<String, Long> TABLE = Map.ofEntries(
            Map.entry("CREATE_INSTANT_INVITE", 1L),
            Map.entry("KICK_MEMBERS", 2L),
            Map.entry("BAN_MEMBERS", 4L),
            Map.entry("ADMINISTRATOR", 8L),
            Map.entry("MANAGE_CHANNELS", 16L),
            Map.entry("MANAGE_GUILD", 32L),
            Map.entry("ADD_REACTIONS", 64L),
            Map.entry("VIEW_AUDIT_LOG", 128L),
            Map.entry("PRIORITY_SPEAKER", 256L),
            Map.entry("STREAM", 512L),
            Map.entry("VIEW_CHANNEL", 1024L),
            Map.entry("SEND_MESSAGES", 2048L),
            Map.entry("SEND_TTS_MESSAGES", 4096L),
            Map.entry("MANAGE_MESSAGES", 8192L),
            Map.entry("EMBED_LINKS", 16384L),
            Map.entry("ATTACH_FILES", 32768L),
            Map.entry("READ_MESSAGE_HISTORY", 65536L),
            Map.entry("MENTION_EVERYONE", 131072L),
            Map.entry("USE_EXTERNAL_EMOJIS", 262144L),
            Map.entry("VIEW_GUILD_INSIGHTS", 524288L),
            Map.entry("CONNECT", 1048576L),
            Map.entry("SPEAK", 2097152L),
            Map.entry("MUTE_MEMBERS", 4194304L),
            Map.entry("DEAFEN_MEMBERS", 8388608L),
            Map.entry("MOVE_MEMBERS", 16777216L),
            Map.entry("USE_VAD", 33554432L),
            Map.entry("CHANGE_NICKNAME", 67108864L),
            Map.entry("MANAGE_NICKNAMES", 134217728L),
            Map.entry("MANAGE_ROLES", 268435456L),
            Map.entry("MANAGE_WEBHOOKS", 536870912L),
            Map.entry("MANAGE_GUILD_EXPRESSIONS", 1073741824L),
            Map.entry("USE_APPLICATION_COMMANDS", 2147483648L),
            Map.entry("REQUEST_TO_SPEAK", 4294967296L),
            Map.entry("MANAGE_EVENTS", 8589934592L),
            Map.entry("MANAGE_THREADS", 17179869184L),
            Map.entry("CREATE_PUBLIC_THREADS", 34359738368L),
            Map.entry("CREATE_PRIVATE_THREADS", 68719476736L),
            Map.entry("USE_EXTERNAL_STICKERS", 137438953472L),
            Map.entry("SEND_MESSAGES_IN_THREADS", 274877906944L),
            Map.entry("USE_EMBEDDED_ACTIVITIES", 549755813888L),
            Map.entry("MODERATE_MEMBERS", 1099511627776L),
            Map.entry("VIEW_CREATOR_MONETIZATION_ANALYTICS", 2199023255552L),
            Map.entry("USE_SOUNDBOARD", 4398046511104L),
            Map.entry("CREATE_GUILD_EXPRESSIONS", 8796093022208L),
            Map.entry("CREATE_EVENTS", 17592186044416L),
            Map.entry("USE_EXTERNAL_SOUNDS", 35184372088832L),
            Map.entry("SEND_VOICE_MESSAGES", 70368744177664L),
            Map.entry("SET_VOICE_CHANNEL_STATUS", 281474976710656L),
            Map.entry("SEND_POLLS", 562949953421312L),
            Map.entry("USE_EXTERNAL_APPS", 1125899906842624L),
            Map.entry("PIN_MESSAGES", 2251799813685248L),
            Map.entry("BYPASS_SLOWMODE", 4503599627370496L)
    );

    static Map<String, Long> namedBits() {
        return Arrays.stream(Permission.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == long.class)
                .filter(f -> !f.getName().equals("ALL") && !f.getName().equals("DEFAULT_EVERYONE"))
                .collect(Collectors.toMap(Field::getName, PermissionBitsTest::value, (a, b) -> a, TreeMap::new));
    }

    static long value(Field f) {
        try {
            return f.getLong(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void allIsTheDocumentedMask() {
        assertThat(Permission.ALL).isEqualTo(0x001F7FFFFFFFFFFFL).isEqualTo(8866461766385663L);
        assertThat(Long.toUnsignedString(Permission.ALL)).isEqualTo("8866461766385663");
    }

    @Test
    void bit47IsUnusedAndNothingAbove52IsSet() {
        assertThat(Permission.ALL & (1L << 47)).isZero();
        assertThat(Permission.ALL >>> 53).isZero();
        assertThat(Long.bitCount(Permission.ALL)).isEqualTo(52);
    }

    @Test
    void everyNamedBitMatchesTheTablesDecimalValue() {
        assertThat(TABLE).hasSize(52);
        assertThat(namedBits()).containsExactlyInAnyOrderEntriesOf(TABLE);
    }

    @Test
    void aSampleOfBitsHasTheirDocumentedValues() {
        assertThat(Permission.CREATE_INSTANT_INVITE).isEqualTo(1L);
        assertThat(Permission.ADMINISTRATOR).isEqualTo(8L);
        assertThat(Permission.VIEW_CHANNEL).isEqualTo(1024L);
        assertThat(Permission.SEND_MESSAGES).isEqualTo(2048L);
        assertThat(Permission.READ_MESSAGE_HISTORY).isEqualTo(65536L);
        assertThat(Permission.MENTION_EVERYONE).isEqualTo(131072L);
        assertThat(Permission.USE_APPLICATION_COMMANDS).isEqualTo(2147483648L);
        assertThat(Permission.MODERATE_MEMBERS).isEqualTo(1099511627776L);
        assertThat(Permission.SEND_VOICE_MESSAGES).isEqualTo(70368744177664L);
        assertThat(Permission.SET_VOICE_CHANNEL_STATUS).isEqualTo(281474976710656L);
        assertThat(Permission.PIN_MESSAGES).isEqualTo(2251799813685248L);
        assertThat(Permission.BYPASS_SLOWMODE).isEqualTo(4503599627370496L);
    }

    @Test
    void allIsExactlyTheUnionOfTheNamedBits() {
        long union = namedBits().values().stream().reduce(0L, (a, b) -> a | b);
        assertThat(union).isEqualTo(Permission.ALL);
        assertThat(namedBits().values()).allSatisfy(bit -> assertThat(Long.bitCount(bit)).isEqualTo(1));
    }

    @Test
    void defaultEveryoneLetsMembersReadAndTalkButNotModerate() {
        long d = Permission.DEFAULT_EVERYONE;
        assertThat(Permission.hasAll(d, Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_MESSAGE_HISTORY)).isTrue();
        assertThat(d & ~Permission.ALL).isZero();
        assertThat(d & (Permission.ADMINISTRATOR | Permission.KICK_MEMBERS | Permission.BAN_MEMBERS
                | Permission.MODERATE_MEMBERS)).isZero();
        namedBits().forEach((name, bit) -> {
            if (name.startsWith("MANAGE_")) assertThat(d & bit).as(name).isZero();
        });
    }
}
