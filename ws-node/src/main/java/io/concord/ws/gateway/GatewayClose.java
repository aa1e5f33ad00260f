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

    public static GatewayClose alreadyAuthenticated() {
        return new GatewayClose(4005, "Already authenticated");
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
