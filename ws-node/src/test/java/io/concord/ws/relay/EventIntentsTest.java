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
    void theIssue3EventsMapToTheIntentsOfDiscordsTable() {
        for (String t : new String[] {"GUILD_UPDATE", "GUILD_DELETE", "GUILD_ROLE_CREATE", "GUILD_ROLE_DELETE", "CHANNEL_UPDATE",
                "CHANNEL_DELETE", "CHANNEL_PINS_UPDATE"}) {
            assertThat(EventIntents.required(t)).as(t).isEqualTo(Intents.GUILDS);
        }
        assertThat(EventIntents.required("GUILD_MEMBER_UPDATE")).isEqualTo(Intents.GUILD_MEMBERS);
        assertThat(EventIntents.required("GUILD_MEMBER_REMOVE")).isEqualTo(Intents.GUILD_MEMBERS);
        assertThat(EventIntents.required("GUILD_MEMBERS_CHUNK")).isZero();
        assertThat(EventIntents.required("MESSAGE_UPDATE")).isEqualTo(Intents.GUILD_MESSAGES);
        assertThat(EventIntents.required("MESSAGE_REACTION_REMOVE_EMOJI")).isEqualTo(Intents.GUILD_MESSAGE_REACTIONS);
        assertThat(EventIntents.required("INVITE_DELETE")).isEqualTo(Intents.GUILD_INVITES);
        assertThat(EventIntents.required("USER_UPDATE")).isZero();
        assertThat(EventIntents.required("GUILD_BAN_ADD")).isEqualTo(Intents.GUILD_MODERATION);
    }

    @Test
    void directMessageEventsNeedTheDirectMessageIntents() {
        assertThat(EventIntents.required("MESSAGE_CREATE", true)).isEqualTo(Intents.DIRECT_MESSAGES);
        assertThat(EventIntents.required("MESSAGE_REACTION_ADD", true)).isEqualTo(Intents.DIRECT_MESSAGE_REACTIONS);
        assertThat(EventIntents.required("TYPING_START", true)).isEqualTo(Intents.DIRECT_MESSAGE_TYPING);
        assertThat(EventIntents.required("USER_UPDATE", true)).isZero();
        assertThat(EventIntents.required("MESSAGE_CREATE", false)).isEqualTo(Intents.GUILD_MESSAGES);
    }

    @Test
    void messageContentIsReadUnlessDeclaredWithoutIt() {
        assertThat(Intents.UNDECLARED.readsMessageContent()).isTrue();
        assertThat(Intents.of(Intents.GUILD_MESSAGES).readsMessageContent()).isFalse();
        assertThat(Intents.of(Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT).readsMessageContent()).isTrue();
        assertThat(Intents.MESSAGE_CONTENT).isEqualTo(1L << 15);
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
