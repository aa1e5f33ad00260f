package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.session.Dispatch;
import io.concord.ws.session.FrameSink;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Intents;
import io.concord.ws.support.TestWorld;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MessageContentTest {
    private static final FrameSink NOWHERE = new FrameSink() {
        @Override
        public void send(String frame, Runnable sent, Consumer<Throwable> failed) {
            sent.run();
        }

        @Override
        public void close(int code, String reason) {}
    };

    private static GatewaySession session(long userId, Intents intents) {
        GatewaySession s = new GatewaySession(NOWHERE, 0);
        s.identified(userId, intents, 50);
        return s;
    }

    @Test
    void theBlankedVariantIsEncodedOncePerEventAndTheFullOneIsPassedThrough() {
        Dispatch full = new Dispatch("MESSAGE_CREATE", TestWorld.message(10, 20, 30, 40, "hello"));
        MessageContent content = MessageContent.of(full);

        Dispatch first = content.forSession(session(1, Intents.of(Intents.GUILD_MESSAGES)));
        Dispatch second = content.forSession(session(2, Intents.of(Intents.GUILD_MESSAGES)));

        assertThat(first).isNotSameAs(full).isSameAs(second);
        assertThat(first.payload()).contains("\"content\":\"\"").doesNotContain("hello");
        assertThat(content.forSession(session(3, Intents.UNDECLARED))).isSameAs(full);
        assertThat(content.forSession(session(4, Intents.of(Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT)))).isSameAs(full);
        assertThat(content.forSession(session(40, Intents.of(Intents.GUILD_MESSAGES)))).isSameAs(full);
    }

    @Test
    void onlyCreatesAndUpdatesCarryContent() {
        assertThat(MessageContent.applies("MESSAGE_CREATE")).isTrue();
        assertThat(MessageContent.applies("MESSAGE_UPDATE")).isTrue();
        assertThat(MessageContent.applies("MESSAGE_DELETE")).isFalse();
    }
}
