package io.concord.common.permission;

import static io.concord.common.permission.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the permission engine over random guilds: five roles plus one the guild does not know,
 * up to nine overwrites with distinct targets (as the store keys them), random timeouts.
 */
class PermissionEnginePropertyTest {
    static final long GUILD = 100;
    static final long OWNER = 1;
    static final long USER = 2;
    static final long OTHER_USER = 3;
    static final long CHANNEL = 300;
    static final List<Long> ROLE_IDS = List.of(201L, 202L, 203L, 204L, 205L, 206L); // 206 is unknown to the guild
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** Overwrite bits may include ADMINISTRATOR, which must have no effect there; role bits include it now and then. */
    static final long OVERWRITE_MASK = ALL;

    record Scenario(Map<Long, Long> rolePermissions, List<Overwrite> overwrites, Set<Long> memberRoles, Instant timedOutUntil) {
        GuildAccess guild() {
            return new GuildAccess(GUILD, OWNER, rolePermissions, Map.of(CHANNEL, overwrites));
        }

        GuildAccess guildWith(List<Overwrite> other) {
            return new GuildAccess(GUILD, OWNER, rolePermissions, Map.of(CHANNEL, other));
        }

        MemberAccess member(long userId) {
            return new MemberAccess(userId, memberRoles, timedOutUntil);
        }
    }

    static Arbitrary<Long> bits(long mask) {
        return Arbitraries.longs().map(l -> l & mask);
    }

    static Arbitrary<Map<Long, Long>> rolePermissions() {
        Arbitrary<Long> roleBits = Arbitraries.frequencyOf(
                Tuple.of(12, bits(ALL & ~ADMINISTRATOR)),
                Tuple.of(1, bits(ALL)));
        return roleBits.list().ofSize(6).map(l -> {
            Map<Long, Long> m = new HashMap<>();
            m.put(GUILD, l.get(0));
            for (int i = 0; i < 5; i++) m.put(ROLE_IDS.get(i), l.get(i + 1));
            return m;
        });
    }

    static Arbitrary<List<Overwrite>> overwrites(long mask) {
        List<long[]> targets = new ArrayList<>();
        targets.add(new long[] {GUILD, Overwrite.ROLE});
        ROLE_IDS.forEach(id -> targets.add(new long[] {id, Overwrite.ROLE}));
        targets.add(new long[] {USER, Overwrite.MEMBER});
        targets.add(new long[] {OTHER_USER, Overwrite.MEMBER});
        targets.add(new long[] {OWNER, Overwrite.MEMBER});
        return Combinators.combine(Arbitraries.of(targets), bits(mask), bits(mask))
                .as((t, allow, deny) -> new Overwrite(t[0], (int) t[1], allow, deny))
                .list().ofMaxSize(10).uniqueElements(Overwrite::id);
    }

    static Arbitrary<Scenario> scenarios(long overwriteMask) {
        return Combinators.combine(
                        rolePermissions(),
                        overwrites(overwriteMask),
                        Arbitraries.of(ROLE_IDS).set(),
                        Arbitraries.of(Instant.EPOCH, NOW.minusSeconds(1), NOW, NOW.plusSeconds(600)))
                .as(Scenario::new);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(OVERWRITE_MASK);
    }

    @Provide
    Arbitrary<Scenario> scenariosWithAnyBits() {
        return scenarios(ALL);
    }

    @Provide
    Arbitrary<Long> roleIds() {
        return Arbitraries.of(ROLE_IDS);
    }

    /** discord-api.md 2.1 transcribed with overwrites keyed by id, the implicit denials and the timeout rule. */
    static long reference(Scenario s, long userId) {
        if (userId == OWNER) return ALL;
        long base = s.rolePermissions().getOrDefault(GUILD, 0L);
        for (long r : s.memberRoles()) base |= s.rolePermissions().getOrDefault(r, 0L);
        if ((base & ADMINISTRATOR) != 0) return ALL;
        Map<Long, Overwrite> ow = new HashMap<>();
        s.overwrites().forEach(o -> ow.put(o.id(), o));
        long p = base;
        if (ow.containsKey(GUILD)) p = (p & ~ow.get(GUILD).deny()) | ow.get(GUILD).allow();
        long allow = 0;
        long deny = 0;
        for (long r : s.memberRoles()) {
            if (ow.containsKey(r)) {
                allow |= ow.get(r).allow();
                deny |= ow.get(r).deny();
            }
        }
        p = (p & ~deny) | allow;
        if (ow.containsKey(userId)) p = (p & ~ow.get(userId).deny()) | ow.get(userId).allow();
        p &= ~ADMINISTRATOR; // allowed by an overwrite it does nothing, so it is not reported
        if ((p & VIEW_CHANNEL) == 0) return 0;
        if ((p & SEND_MESSAGES) == 0) p &= ~(MENTION_EVERYONE | SEND_TTS_MESSAGES | ATTACH_FILES | EMBED_LINKS);
        if (s.timedOutUntil().isAfter(NOW)) p &= VIEW_CHANNEL | READ_MESSAGE_HISTORY;
        return p;
    }

    @Property
    void channelPermissionsFollowTheDocumentedAlgorithm(@ForAll("scenarios") Scenario s) {
        assertThat(s.guild().channelPermissions(s.member(USER), CHANNEL, NOW)).isEqualTo(reference(s, USER));
    }

    @Property
    void shufflingTheOverwriteListNeverChangesTheResult(@ForAll("scenariosWithAnyBits") Scenario s, @ForAll Random random) {
        List<Overwrite> shuffled = new ArrayList<>(s.overwrites());
        Collections.shuffle(shuffled, random);
        MemberAccess m = s.member(USER);
        long base = PermissionEngine.base(GUILD, OWNER, s.rolePermissions(), m);

        assertThat(s.guildWith(shuffled).channelPermissions(m, CHANNEL, NOW))
                .isEqualTo(s.guild().channelPermissions(m, CHANNEL, NOW));
        assertThat(PermissionEngine.overwrites(base, GUILD, m, shuffled))
                .isEqualTo(PermissionEngine.overwrites(base, GUILD, m, s.overwrites()));
    }

    @Property
    void theOwnerAlwaysHasAll(@ForAll("scenariosWithAnyBits") Scenario s) {
        MemberAccess owner = s.member(OWNER);

        assertThat(s.guild().guildPermissions(owner, NOW)).isEqualTo(ALL);
        assertThat(s.guild().channelPermissions(owner, CHANNEL, NOW)).isEqualTo(ALL);
    }

    @Property
    void addingARoleNeverRemovesAGuildLevelPermission(@ForAll("scenarios") Scenario s, @ForAll("roleIds") long extra) {
        Set<Long> more = new HashSet<>(s.memberRoles());
        more.add(extra);
        long before = PermissionEngine.base(GUILD, OWNER, s.rolePermissions(), new MemberAccess(USER, s.memberRoles()));
        long after = PermissionEngine.base(GUILD, OWNER, s.rolePermissions(), new MemberAccess(USER, more));

        assertThat(before & ~after).isZero();
        assertThat(s.guild().guildPermissions(s.member(USER), NOW) & ~s.guild().guildPermissions(
                new MemberAccess(USER, more, s.timedOutUntil()), NOW)).isZero();
    }

    @Property
    void anAdministratorAlwaysHasAllInEveryChannel(@ForAll("scenariosWithAnyBits") Scenario s, @ForAll("roleIds") long adminRole) {
        Map<Long, Long> roles = new HashMap<>(s.rolePermissions());
        roles.merge(adminRole, ADMINISTRATOR, (a, b) -> a | b);
        Set<Long> memberRoles = new HashSet<>(s.memberRoles());
        memberRoles.add(adminRole);
        GuildAccess g = new GuildAccess(GUILD, OWNER, roles, Map.of(CHANNEL, s.overwrites(), CHANNEL + 1, List.of()));
        MemberAccess m = new MemberAccess(USER, memberRoles, s.timedOutUntil());

        assertThat(g.guildPermissions(m, NOW)).isEqualTo(ALL);
        assertThat(g.channelPermissions(m, CHANNEL, NOW)).isEqualTo(ALL);
        assertThat(g.channelPermissions(m, CHANNEL + 1, NOW)).isEqualTo(ALL);
    }

    @Property
    void channelPermissionsWithoutViewChannelAreZero(@ForAll("scenarios") Scenario s) {
        long p = s.guild().channelPermissions(s.member(USER), CHANNEL, NOW);

        if ((p & VIEW_CHANNEL) == 0) assertThat(p).isZero();
    }

    @Property
    void channelPermissionsWithoutViewChannelAreZeroWhateverTheOverwriteBits(@ForAll("scenariosWithAnyBits") Scenario s) {
        long p = s.guild().channelPermissions(s.member(USER), CHANNEL, NOW);

        if ((p & VIEW_CHANNEL) == 0) assertThat(p).isZero();
    }

    @Property
    void resultsNeverHoldBitsOutsideAll(@ForAll("scenariosWithAnyBits") Scenario s) {
        for (long user : List.of(USER, OTHER_USER, OWNER)) {
            assertThat(s.guild().guildPermissions(s.member(user), NOW) & ~ALL).isZero();
            assertThat(s.guild().channelPermissions(s.member(user), CHANNEL, NOW) & ~ALL).isZero();
        }
    }

    @Property
    void aTimedOutMemberWithoutAdministratorHoldsAtMostViewAndHistory(@ForAll("scenariosWithAnyBits") Scenario s) {
        MemberAccess m = new MemberAccess(USER, s.memberRoles(), NOW.plusSeconds(1));
        long base = PermissionEngine.base(GUILD, OWNER, s.rolePermissions(), m);

        if ((base & ADMINISTRATOR) == 0) {
            assertThat(s.guild().channelPermissions(m, CHANNEL, NOW) & ~(VIEW_CHANNEL | READ_MESSAGE_HISTORY)).isZero();
            assertThat(s.guild().guildPermissions(m, NOW) & ~(VIEW_CHANNEL | READ_MESSAGE_HISTORY)).isZero();
        }
    }
}
