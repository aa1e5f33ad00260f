package io.concord.ws.gateway;

/**
 * A gateway failure that ends the connection with one of Discord's close codes. Thrown anywhere in
 * the protocol and turned into a close frame in one place, {@link GatewaySocket}.
 */
public final class GatewayClose extends RuntimeException {
    private final int code;

    private GatewayClose(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public static GatewayClose unknownError() {
        return new GatewayClose(4000, "Unknown error");
    }

    public static GatewayClose unknownOpcode() {
        return new GatewayClose(4001, "Unknown opcode");
    }

    public static GatewayClose decodeError() {
        return new GatewayClose(4002, "Decode error");
    }

    public static GatewayClose decodeError(String reason) {
        return new GatewayClose(4002, reason);
    }

    public static GatewayClose notAuthenticated() {
        return new GatewayClose(4003, "Not authenticated");
    }

    public static GatewayClose authenticationFailed() {
        return new GatewayClose(4004, "Authentication failed");
    }

    /**
     * A bot with no session starts left in its 24 h window. Discord resets the token then; the node
     * refuses it like a bad token (4004, do not reconnect) until starts fall out of the window.
     */
    public static GatewayClose sessionStartLimitReached() {
        return new GatewayClose(4004, "Session start limit reached");
    }

    public static GatewayClose alreadyAuthenticated() {
        return new GatewayClose(4005, "Already authenticated");
    }

    /** A RESUME with a sequence number the session never sent. */
    public static GatewayClose invalidSeq() {
        return new GatewayClose(4007, "Invalid seq");
    }

    /** More than {@code GatewayProtocol}'s 120 payloads per 60 s. */
    public static GatewayClose rateLimited() {
        return new GatewayClose(4008, "Rate limited");
    }

    public static GatewayClose invalidShard() {
        return new GatewayClose(4010, "Invalid shard");
    }

    /**
     * 4011 "Sharding required" is never sent: the node does not require sharding at any guild
     * count. Kept so every Discord close code has its one place here.
     */
    public static GatewayClose shardingRequired() {
        return new GatewayClose(4011, "Sharding required");
    }

    public static GatewayClose sessionTimedOut() {
        return new GatewayClose(4009, "Session timed out");
    }

    public static GatewayClose invalidApiVersion() {
        return new GatewayClose(4012, "Invalid API version");
    }

    public static GatewayClose invalidIntents() {
        return new GatewayClose(4013, "Invalid intent(s)");
    }

    public static GatewayClose disallowedIntents() {
        return new GatewayClose(4014, "Disallowed intent(s)");
    }
}
