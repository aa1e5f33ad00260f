package io.concord.bench;

/** What the benchmark clients read from the gateway's frames as text, without a JSON parser. */
public final class GatewayFrames {
    private GatewayFrames() {}

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
