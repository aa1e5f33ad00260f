package io.concord.load;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.Session;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which messages were posted and which gateway sessions received them. A posted message's content is
 * {@code load|<guild id>|<ms sent>|<number>}; a listening session records, for each MESSAGE_CREATE
 * of a guild it listens to, the latency from the POST being sent to the frame arriving (Gatling's
 * receive timestamp) as {@value #DELIVERY} (or {@value #DELIVERY_BOT}); at its end it reports every
 * message posted in its guilds between its READY and {@code grace} before its end that never came as
 * {@value #MISSING} (KO), and a second copy of one as {@value #DUPLICATE} (KO). Posts and listeners
 * must live in one JVM (one Gatling injector).
 */
final class Deliveries {
    static final String DELIVERY = "MESSAGE_CREATE delivery";
    static final String DELIVERY_BOT = "MESSAGE_CREATE delivery (bot)";
    static final String MISSING = "MESSAGE_CREATE missing";
    static final String DUPLICATE = "MESSAGE_CREATE duplicate";
    private static final String PREFIX = "load|";
    private static final String CONTENT_MARK = "\"content\":\"" + PREFIX;

    private record Post(long number, long sentAtMs) {}

    private final Map<String, ConcurrentLinkedQueue<Post>> posts = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();

    /** Sets {@code body} (the message JSON), {@code sentAt} and {@code number} for a POST about to be sent. */
    Session prepare(Session s) {
        long number = numbers.incrementAndGet();
        long now = System.currentTimeMillis();
        String content = PREFIX + s.getString("guild_id") + "|" + now + "|" + number;
        return s.set("sentAt", now).set("number", number)
                .set("body", "{\"content\":\"" + content + "\",\"nonce\":\"" + number + "\"}");
    }

    /** Records a POST that was accepted (call only on success). */
    void posted(Session s) {
        posts.computeIfAbsent(s.getString("guild_id"), k -> new ConcurrentLinkedQueue<>())
                .add(new Post(s.getLong("number"), s.getLong("sentAt")));
    }

    long posted() {
        return posts.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
    }

    Listener listener(Set<String> guilds, boolean bot) {
        return new Listener(guilds, bot);
    }

    /** Expected, received and missing deliveries over the whole run (printed by the simulations). */
    String summary() {
        return String.format("%d messages posted; deliveries expected %d (posted after the session's READY), missing %d;"
                + " MESSAGE_CREATE frames of load messages received %d", posted(), expected.get(), missing.get(), delivered.get());
    }

    /**
     * One gateway session's view; kept in its Gatling session under {@code listener}, used by that
     * virtual user only. It also keeps the heartbeat state: a listening session sends op 1 without
     * awaiting op 11 with a Gatling check, because Gatling 3.15 drops (does not buffer) every frame
     * that arrives while a check is pending and does not match it; the ACK is read here instead and
     * timed as {@value Gateway#HEARTBEAT_ACK}, and a beat still unacknowledged at the next one is KO
     * (Discord's zombie-connection rule).
     */
    final class Listener {
        private final Set<String> guilds;
        private final String name;
        private final Set<Long> received = new HashSet<>();
        private long readyAtMs = Long.MAX_VALUE;
        private String seq = "null";
        private long beatSentAtMs;

        private Listener(Set<String> guilds, boolean bot) {
            this.guilds = guilds;
            this.name = bot ? DELIVERY_BOT : DELIVERY;
        }

        void ready(long atMs, Object readySeq) {
            readyAtMs = atMs;
            seq = String.valueOf(readySeq);
        }

        /** The next op 1 payload; reports the previous beat as KO if its ACK never came. */
        String beat(Session s) {
            long now = System.currentTimeMillis();
            if (beatSentAtMs != 0) {
                Stats.record(s, Gateway.HEARTBEAT_ACK, beatSentAtMs, now, "no heartbeat ACK before the next heartbeat");
            }
            beatSentAtMs = now;
            return "{\"op\":1,\"d\":" + seq + "}";
        }

        /** Reads the frames Gatling buffered since the last call. */
        Session read(List<WsInboundMessage> frames, Session s) {
            for (WsInboundMessage frame : frames) {
                if (!(frame instanceof WsInboundMessage.Text text)) continue;
                String m = text.message();
                if (m.startsWith("{\"op\":11")) {
                    if (beatSentAtMs != 0) Stats.record(s, Gateway.HEARTBEAT_ACK, beatSentAtMs, text.timestamp(), null);
                    beatSentAtMs = 0;
                    continue;
                }
                if (!m.startsWith("{\"op\":0,")) continue;
                long dispatchSeq = number(m, m.indexOf("\"s\":") + 4);
                if (dispatchSeq >= 0) seq = Long.toString(dispatchSeq);
                if (!m.startsWith("{\"op\":0,\"t\":\"MESSAGE_CREATE\"")) continue;
                int at = m.indexOf(CONTENT_MARK);
                if (at < 0) continue;
                int start = at + CONTENT_MARK.length();
                int end = m.indexOf('"', start);
                String[] parts = m.substring(start, end).split("\\|");
                if (parts.length != 3 || !guilds.contains(parts[0])) continue;
                long sentAt = Long.parseLong(parts[1]);
                long number = Long.parseLong(parts[2]);
                if (received.add(number)) {
                    delivered.incrementAndGet();
                    Stats.record(s, name, sentAt, text.timestamp(), null);
                } else {
                    Stats.record(s, DUPLICATE, sentAt, text.timestamp(), "message " + number + " delivered twice to one session");
                }
            }
            return s;
        }

        /** Reports what was posted in this session's guilds between READY and {@code untilMs} and never arrived. */
        void finish(Session s, long untilMs) {
            for (String guild : guilds) {
                var queue = posts.get(guild);
                if (queue == null) continue;
                for (Post p : queue) {
                    if (p.sentAtMs() < readyAtMs || p.sentAtMs() > untilMs) continue;
                    expected.incrementAndGet();
                    if (!received.contains(p.number())) {
                        missing.incrementAndGet();
                        Stats.record(s, MISSING, untilMs, untilMs, "message " + p.number() + " (guild " + guild + ") never arrived");
                    }
                }
            }
        }

        private static long number(String m, int from) {
            if (from < 4) return -1;
            long v = 0;
            int i = from;
            while (i < m.length() && Character.isDigit(m.charAt(i))) v = v * 10 + (m.charAt(i++) - '0');
            return i == from ? -1 : v;
        }
    }
}
