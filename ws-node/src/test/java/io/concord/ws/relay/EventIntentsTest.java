package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.session.Intents;
import org.junit.jupiter.api.Test;

class EventIntentsTest {
    @Test
    void eventsMapToDiscordsIntents() {
        assertThat(EventIntents.required("MESSAGE_CREATE")).isEqualTo(1L << 9);
        assertThat(EventIntents.required("MESSAGE_DELETE_BULK")).isEqualTo(1L << 9);
        assertThat(EventIntents.required("MESSAGE_REACTION_ADD")).isEqualTo(1L << 10);
        assertThat(EventIntents.required("TYPING_START")).isEqualTo(1L << 11);
        assertThat(EventIntents.required("GUILD_MEMBER_ADD")).isEqualTo(1L << 1);
        assertThat(EventIntents.required("GUILD_ROLE_UPDATE")).isEqualTo(1L);
        assertThat(EventIntents.required("CHANNEL_CREATE")).isEqualTo(1L);
        assertThat(EventIntents.required("GUILD_UPDATE")).isEqualTo(1L);
        assertThat(EventIntents.required("INVITE_CREATE")).isEqualTo(1L << 6);
        assertThat(EventIntents.required("MESSAGE_ACK")).isZero();
    }

    @Test
    void undeclaredIntentsAllowEverythingAndDeclaredOnesOnlyTheirBits() {
        assertThat(Intents.UNDECLARED.allows(Intents.GUILD_MEMBERS)).isTrue();
        assertThat(Intents.of(Intents.GUILDS).allows(Intents.GUILD_MESSAGES)).isFalse();
        assertThat(Intents.of(Intents.GUILDS).allows(Intents.GUILDS)).isTrue();
        assertThat(Intents.of(0).allows(0)).isTrue();
    }

    @Test
    void onlyTheTwentyOneDocumentedIntentsAreKnown() {
        assertThat(Long.bitCount(Intents.KNOWN)).isEqualTo(21);
        assertThat(Intents.isKnown(34307)).isTrue();
        assertThat(Intents.isKnown(1L << 17)).isFalse();
        assertThat(Intents.isKnown(-1)).isFalse();
    }
}
