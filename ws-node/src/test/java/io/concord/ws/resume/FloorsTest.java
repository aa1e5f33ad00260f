package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

/** A session's floors: what the router drops for it, what settles, and the positions its cuts carry. */
class FloorsTest {

    @Test
    void coversEntriesAtOrBelowTheFloorOfTheirPartitionOnly() {
        Floors floors = Floors.of(Map.of(2, new StreamEntryID(100, 1)));
        assertThat(floors.covers(2, new StreamEntryID(100, 1))).isTrue();
        assertThat(floors.covers(2, new StreamEntryID(99, 7))).isTrue();
        assertThat(floors.covers(2, new StreamEntryID(100, 2))).isFalse();
        assertThat(floors.covers(1, new StreamEntryID(1, 0))).isFalse();
        assertThat(floors.covers(9, new StreamEntryID(1, 0))).isFalse();
    }

    @Test
    void settlingDropsOnlyThePartitionsRoutedPast() {
        Floors floors = Floors.of(Map.of(0, new StreamEntryID(10, 0), 1, new StreamEntryID(10, 0), 2, new StreamEntryID(10, 0)));
        Floors settled = floors.settle(new Floors.Routed(Map.of(0, new StreamEntryID(10, 0), 1, new StreamEntryID(9, 5))));
        assertThat(settled.asMap()).isEqualTo(Map.of(1, new StreamEntryID(10, 0), 2, new StreamEntryID(10, 0)));
        assertThat(settled.settle(new Floors.Routed(Map.of(0, new StreamEntryID(11, 0))))).isSameAs(settled);
    }

    @Test
    void aCutCarriesPerPartitionTheLaterOfFloorAndRouted() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            Map<Integer, StreamEntryID> floors = randomPositions(random);
            Map<Integer, StreamEntryID> routed = randomPositions(random);
            Map<Integer, StreamEntryID> expected = new TreeMap<>(floors);
            routed.forEach((p, id) -> expected.merge(p, id, (a, b) -> a.compareTo(b) >= 0 ? a : b));

            String text = Floors.of(floors).cutText(new Floors.Routed(routed));

            assertThat(text).isEqualTo(Cut.positionsText(expected));
            assertThat(Cut.decode("1|" + text + "|").positions()).isEqualTo(expected);
        }
    }

    private static Map<Integer, StreamEntryID> randomPositions(Random random) {
        Map<Integer, StreamEntryID> m = new HashMap<>();
        for (int p = 0; p < 16; p++) {
            if (random.nextInt(3) == 0) m.put(p, new StreamEntryID(random.nextInt(5), random.nextInt(3)));
        }
        return m;
    }
}
