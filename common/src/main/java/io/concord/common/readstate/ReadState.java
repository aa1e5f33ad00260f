package io.concord.common.readstate;

/**
 * One user's read state in one channel: the cursor ({@code lastMessageId}, 0 = nothing read since
 * joining), the mention count a manual ack set ({@code mentionBase}; mentions after the cursor are
 * added on read), the last pin seen (epoch ms, 0 = never) and a version that only grows (ms-based,
 * so it also orders CQL writes).
 */
public record ReadState(long userId, long guildId, long channelId, long lastMessageId, int mentionBase, long lastPinMs, long version) {

    String encode() {
        return guildId + ":" + lastMessageId + ":" + mentionBase + ":" + lastPinMs + ":" + version;
    }

    static ReadState decode(long userId, long channelId, String value) {
        String[] p = value.split(":");
        return new ReadState(userId, Long.parseLong(p[0]), channelId, Long.parseLong(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]),
                Long.parseLong(p[4]));
    }

    /** The newer of two states of the same channel (by version). */
    static ReadState newer(ReadState a, ReadState b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.version > a.version ? b : a;
    }
}
