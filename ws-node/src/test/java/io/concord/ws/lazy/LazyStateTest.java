package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session's large-guild state survives its checkpoint encoding, and garbage is refused rather than guessed. */
class LazyStateTest {
    @Test
    void encodedStateDecodesToTheSameDecisions() {
        LazyState s = new LazyState();
        s.received(11, true);
        s.received(22, false);
        s.subscriptions.put(11L, Map.of(5L, List.of(new Range(0, 99), new Range(100, 199))));
        s.subscriptions.put(22L, Map.of(6L, List.of()));
        s.unread(11, 7, 900);
        s.unread(11, 7, 800);
        s.unread(11, 8, 901);

        LazyState d = LazyState.decode(s.encode()).orElseThrow();
        assertThat(d.encode()).isEqualTo(s.encode());
        assertThat(d.readOnDemand(11)).isTrue();
        assertThat(d.readOnDemand(22)).isFalse();
        assertThat(d.subscribed(11, 5)).isTrue();
        assertThat(d.subscribed(22, 6)).isTrue();
        assertThat(d.subscribed(11, 6)).isFalse();
        assertThat(d.subscriptions.get(11L).get(5L)).containsExactly(new Range(0, 99), new Range(100, 199));
        assertThat(d.unread.get(11L)).containsExactlyInAnyOrderEntriesOf(Map.of(7L, 900L, 8L, 901L));
        assertThat(LazyState.decode("").orElseThrow().isEmpty()).isTrue();
    }

    @Test
    void unreadableStateIsRefused() {
        for (String bad : new String[] {"x", "*1/2:5-1", "1#2", "1/2:0-200"}) assertThat(LazyState.decode(bad)).as(bad).isEmpty();
    }

    @Test
    void aLaterCheckpointsDecisionsReplaceSubscriptionsAndKeepBothUnreadHints() {
        LazyState rebuilt = new LazyState();
        rebuilt.received(1, true);
        rebuilt.subscriptions.put(1L, Map.of(10L, List.of(new Range(0, 99))));
        rebuilt.unread(1, 11, 50);
        LazyState later = new LazyState();
        later.received(1, true);
        later.subscriptions.put(1L, Map.of(12L, List.of()));
        later.unread(1, 13, 60);
        rebuilt.adoptDecisions(later);
        assertThat(rebuilt.subscribed(1, 10)).isFalse();
        assertThat(rebuilt.subscribed(1, 12)).isTrue();
        assertThat(rebuilt.unread.get(1L)).containsOnlyKeys(11L, 13L);
    }
}
