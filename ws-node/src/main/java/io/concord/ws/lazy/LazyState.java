package io.concord.ws.lazy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What decides a session's large-guild deliveries and what a resume elsewhere must carry over: the
 * guilds it receives read-on-demand, its op 14/37 subscriptions (channel and member-list ranges per
 * guild) and the unread hints not sent yet. Stored with every checkpoint ({@link #encode}), so a
 * rebuild from the guild streams makes the same delivery decisions as live routing did.
 *
 * <p>Encoded as guild entries joined by {@code ,}: {@code [*]guild} ({@code *} = read-on-demand),
 * then per subscribed channel {@code /channel} with its ranges {@code :from-to}, then per unread
 * channel {@code #channel=lastMessageId}. Not thread-safe: live sessions' state is guarded by the
 * routing lock, a rebuild's is its own.
 */
public final class LazyState {
    final Set<Long> readOnDemand = new LinkedHashSet<>();
    final Map<Long, Map<Long, List<Range>>> subscriptions = new LinkedHashMap<>();
    final Map<Long, Map<Long, Long>> unread = new LinkedHashMap<>();

    public boolean readOnDemand(long guildId) {
        return readOnDemand.contains(guildId);
    }

    public boolean subscribed(long guildId, long channelId) {
        Map<Long, List<Range>> channels = subscriptions.get(guildId);
        return channels != null && channels.containsKey(channelId);
    }

    /** A message the session was not sent: the next hint for its guild names the channel. */
    public void unread(long guildId, long channelId, long messageId) {
        unread.computeIfAbsent(guildId, g -> new LinkedHashMap<>()).merge(channelId, messageId, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    /** The session got the guild's GUILD_CREATE, read-on-demand or not. */
    public void received(long guildId, boolean onDemand) {
        if (onDemand) {
            readOnDemand.add(guildId);
        } else {
            readOnDemand.remove(guildId);
            unread.remove(guildId);
        }
    }

    /** The session no longer receives the guild. */
    public void removeGuild(long guildId) {
        readOnDemand.remove(guildId);
        subscriptions.remove(guildId);
        unread.remove(guildId);
    }

    public boolean isEmpty() {
        return readOnDemand.isEmpty() && subscriptions.isEmpty() && unread.isEmpty();
    }

    /** Takes over another state's read-on-demand guilds and subscriptions (a later checkpoint's), keeping unread hints of both. */
    public void adoptDecisions(LazyState later) {
        readOnDemand.clear();
        readOnDemand.addAll(later.readOnDemand);
        subscriptions.clear();
        later.subscriptions.forEach((g, cs) -> subscriptions.put(g, new LinkedHashMap<>(cs)));
        later.unread.forEach((g, cs) -> cs.forEach((c, m) -> unread(g, c, m)));
    }

    /** Everything in {@code other} replaces this state (a resume carrying a rebuilt state over). */
    void replaceWith(LazyState other) {
        readOnDemand.clear();
        subscriptions.clear();
        unread.clear();
        readOnDemand.addAll(other.readOnDemand);
        other.subscriptions.forEach((g, cs) -> subscriptions.put(g, new LinkedHashMap<>(cs)));
        other.unread.forEach((g, cs) -> unread.put(g, new LinkedHashMap<>(cs)));
    }

    public String encode() {
        Set<Long> guilds = new LinkedHashSet<>(readOnDemand);
        guilds.addAll(subscriptions.keySet());
        guilds.addAll(unread.keySet());
        StringBuilder b = new StringBuilder();
        for (long g : guilds) {
            if (!b.isEmpty()) b.append(',');
            if (readOnDemand.contains(g)) b.append('*');
            b.append(g);
            subscriptions.getOrDefault(g, Map.of()).forEach((c, ranges) -> {
                b.append('/').append(c);
                for (Range r : ranges) b.append(':').append(r.from()).append('-').append(r.to());
            });
            unread.getOrDefault(g, Map.of()).forEach((c, m) -> b.append('#').append(c).append('=').append(m));
        }
        return b.toString();
    }

    /** Empty when the text is not one {@link #encode} writes. */
    public static Optional<LazyState> decode(String text) {
        LazyState s = new LazyState();
        if (text == null || text.isEmpty()) return Optional.of(s);
        try {
            for (String entry : text.split(",")) {
                List<String> parts = tokens(entry);
                String head = parts.getFirst();
                boolean onDemand = head.startsWith("*");
                long g = Long.parseLong(onDemand ? head.substring(1) : head);
                if (onDemand) s.readOnDemand.add(g);
                for (String p : parts.subList(1, parts.size())) {
                    if (p.startsWith("/")) {
                        String[] cr = p.substring(1).split(":");
                        List<Range> ranges = new ArrayList<>();
                        for (int i = 1; i < cr.length; i++) {
                            int dash = cr[i].indexOf('-');
                            ranges.add(new Range(Integer.parseInt(cr[i].substring(0, dash)), Integer.parseInt(cr[i].substring(dash + 1))));
                        }
                        s.subscriptions.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(Long.parseLong(cr[0]), List.copyOf(ranges));
                    } else {
                        int eq = p.indexOf('=');
                        s.unread(g, Long.parseLong(p.substring(1, eq)), Long.parseLong(p.substring(eq + 1)));
                    }
                }
            }
            return Optional.of(s);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Splits {@code *1/2:0-99#3=4} into {@code *1}, {@code /2:0-99}, {@code #3=4}. */
    private static List<String> tokens(String entry) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '/' || c == '#') {
                out.add(entry.substring(start, i));
                start = i;
            }
        }
        out.add(entry.substring(start));
        return out;
    }

    @Override
    public String toString() {
        return encode();
    }
}
