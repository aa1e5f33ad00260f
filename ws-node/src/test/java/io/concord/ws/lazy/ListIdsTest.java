package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Member-list ids: "everyone" when every member sees the channel, else MurmurHash3 of the sorted VIEW_CHANNEL overwrites. */
class ListIdsTest {
    private static final long GUILD = 100;
    private static final GuildAccess OPEN = new GuildAccess(GUILD, 1, Map.of(GUILD, Permission.VIEW_CHANNEL), Map.of());
    private static final GuildAccess CLOSED = new GuildAccess(GUILD, 1, Map.of(GUILD, 0L), Map.of());

    @Test
    void murmur3MatchesTheReferenceVectors() {
        // Published x86_32 values (seed 0) of Austin Appleby's SMHasher reference.
        assertThat(Murmur3.hash32("", 0)).isEqualTo(0);
        assertThat(Murmur3.hash32("hello", 0)).isEqualTo(0x248bfa47);
        assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2e4ff723);
    }

    @Test
    void aChannelEveryMemberSeesIsTheEveryoneList() {
        assertThat(ListIds.of(OPEN, List.of())).isEqualTo("everyone");
        assertThat(ListIds.of(OPEN, List.of(new Overwrite(GUILD, Overwrite.ROLE, Permission.VIEW_CHANNEL, 0)))).isEqualTo("everyone");
        // Overwrites of other permissions do not change who sees the channel.
        assertThat(ListIds.of(OPEN, List.of(new Overwrite(7, Overwrite.ROLE, 0, Permission.SEND_MESSAGES)))).isEqualTo("everyone");
    }

    @Test
    void otherChannelsHashTheirSortedViewOverwrites() {
        List<Overwrite> staff = List.of(new Overwrite(7, Overwrite.ROLE, Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES, 0),
                new Overwrite(GUILD, Overwrite.ROLE, 0, Permission.VIEW_CHANNEL));
        String id = ListIds.of(OPEN, staff);
        assertThat(id).isEqualTo(Integer.toUnsignedString(Murmur3.hash32("allow:7,deny:100", 0)));
        // The same VIEW_CHANNEL entries in another order, with other bits: the same list.
        assertThat(ListIds.of(OPEN, List.of(new Overwrite(GUILD, Overwrite.ROLE, Permission.SEND_MESSAGES, Permission.VIEW_CHANNEL),
                new Overwrite(7, Overwrite.ROLE, Permission.VIEW_CHANNEL, 0)))).isEqualTo(id);
        assertThat(ListIds.of(OPEN, List.of(new Overwrite(8, Overwrite.ROLE, Permission.VIEW_CHANNEL, 0),
                new Overwrite(GUILD, Overwrite.ROLE, 0, Permission.VIEW_CHANNEL)))).isNotEqualTo(id);
        // Nobody sees a channel without overwrites when @everyone may not view: not "everyone".
        assertThat(ListIds.of(CLOSED, List.of())).isEqualTo(Integer.toUnsignedString(Murmur3.hash32("", 0)));
    }
}
