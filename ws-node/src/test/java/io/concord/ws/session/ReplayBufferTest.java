package io.concord.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    private static List<Long> seqsAfter(ReplayBuffer buffer, long seq) {
        return buffer.entriesAfter(seq).orElseThrow().stream().map(ReplayBuffer.Entry::seq).toList();
    }

    @Test
    void itGrowsAsEntriesComeAndKeepsThemInOrder() {
        ReplayBuffer buffer = new ReplayBuffer(1000);
        for (long s = 3; s <= 40; s++) buffer.add(s, new Dispatch("X", Long.toString(s)));

        assertThat(buffer.size()).isEqualTo(38);
        assertThat(seqsAfter(buffer, 2)).hasSize(38).startsWith(3L, 4L).endsWith(39L, 40L);
        assertThat(seqsAfter(buffer, 37)).containsExactly(38L, 39L, 40L);
        assertThat(buffer.entriesAfter(37).orElseThrow().getFirst().dispatch().payload()).isEqualTo("38");
        assertThat(seqsAfter(buffer, 40)).isEmpty();
    }

    @Test
    void atCapacityTheNewestReplacesTheOldestAndAGapBeforeTheOldestIsReported() {
        ReplayBuffer buffer = new ReplayBuffer(20);
        for (long s = 1; s <= 57; s++) buffer.add(s, new Dispatch("X", Long.toString(s)));

        assertThat(buffer.size()).isEqualTo(20);
        assertThat(seqsAfter(buffer, 37)).hasSize(20).startsWith(38L).endsWith(57L);
        assertThat(seqsAfter(buffer, 50)).containsExactly(51L, 52L, 53L, 54L, 55L, 56L, 57L);
        assertThat(buffer.entriesAfter(36)).isEmpty();
        assertThat(buffer.entriesAfter(57).orElseThrow()).isEmpty();
        assertThat(buffer.after(55).orElseThrow())
                .containsExactly("{\"op\":0,\"t\":\"X\",\"s\":56,\"d\":56}", "{\"op\":0,\"t\":\"X\",\"s\":57,\"d\":57}");
    }

    @Test
    void anEmptyBufferHasNothingToReplayButNoGap() {
        assertThat(new ReplayBuffer(5).entriesAfter(10)).hasValue(List.of());
    }
}
