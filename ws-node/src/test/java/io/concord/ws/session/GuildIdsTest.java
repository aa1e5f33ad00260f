package io.concord.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuildIdsTest {
    @Test
    void addedGuildsAreKeptSortedOnceEachAndFoundAgain() {
        long[] ids = GuildIds.with(GuildIds.NONE, List.of(30L, 10L, 20L, 10L));

        assertThat(ids).containsExactly(10L, 20L, 30L);
        assertThat(GuildIds.contains(ids, 20L)).isTrue();
        assertThat(GuildIds.contains(ids, 25L)).isFalse();
        assertThat(GuildIds.asSet(ids)).containsExactlyInAnyOrder(10L, 20L, 30L);
    }

    @Test
    void aChangeMakesANewArrayAndLeavesTheOldOneAsItWas() {
        long[] before = GuildIds.with(GuildIds.NONE, List.of(1L, 2L));

        long[] added = GuildIds.with(before, List.of(3L));
        long[] removed = GuildIds.without(added, 1L);

        assertThat(before).containsExactly(1L, 2L);
        assertThat(added).containsExactly(1L, 2L, 3L);
        assertThat(removed).containsExactly(2L, 3L);
    }

    @Test
    void nothingNewOrNothingToRemoveReturnsTheSameArray() {
        long[] ids = GuildIds.with(GuildIds.NONE, List.of(5L, -7L));

        assertThat(GuildIds.with(ids, List.of(5L))).isSameAs(ids);
        assertThat(GuildIds.with(ids, List.of())).isSameAs(ids);
        assertThat(GuildIds.without(ids, 6L)).isSameAs(ids);
        assertThat(GuildIds.without(GuildIds.without(ids, 5L), -7L)).isEmpty();
    }
}
