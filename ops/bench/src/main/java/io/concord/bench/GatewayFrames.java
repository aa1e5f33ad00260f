package io.concord.bench;

/** What the benchmark clients read from the gateway's frames as text, without a JSON parser. */
public final class GatewayFrames {
    /** Op 1 HEARTBEAT, as the clients send it (they never track sequence numbers). */
    public static final String HEARTBEAT = "{\"op\":1,\"d\":null}";

    private GatewayFrames() {}

    /** Op 2 IDENTIFY with {@code token} and {@code intents}. */
    public static String identify(String token, int intents) {
        return "{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents
                + ",\"properties\":{\"os\":\"linux\",\"browser\":\"concord-bench\",\"device\":\"concord-bench\"}}}";
    }

    /** Idle sessions beat only if the run outlasts 90% of the interval: the period of their heartbeats. */
    public static long heartbeatPeriod(long intervalMs) {
        return intervalMs * 9 / 10;
    }

    /** The HELLO's {@code heartbeat_interval}, or Discord's 41,250 ms when it has none. */
    public static long heartbeatInterval(String hello) {
        int i = hello.indexOf("\"heartbeat_interval\":");
        if (i < 0) return 41_250;
        int start = i + "\"heartbeat_interval\":".length();
        int end = start;
        while (end < hello.length() && Character.isDigit(hello.charAt(end))) end++;
        return Long.parseLong(hello.substring(start, end));
    }

    /** A frame short enough for an error message. */
    public static String abbreviate(String frame) {
        return frame.length() > 200 ? frame.substring(0, 200) + "..." : frame;
    }
}
