package io.concord.ws.session;

/**
 * Gateway frames as text. Dispatches are concatenated around the payload JSON, which every node
 * encodes once per event rather than once per session.
 */
public final class Frames {
    private Frames() {}

    public static String hello(long heartbeatIntervalMs) {
        return "{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatIntervalMs + "}}";
    }

    public static String heartbeatAck() {
        return "{\"op\":11,\"d\":null}";
    }

    public static String invalidSession(boolean resumable) {
        return "{\"op\":9,\"d\":" + resumable + "}";
    }

    /** Event names are fixed upper-case identifiers from our own code, so they need no escaping. */
    public static String dispatch(String type, long seq, String payload) {
        return "{\"op\":0,\"t\":\"" + type + "\",\"s\":" + seq + ",\"d\":" + payload + "}";
    }
}
