package io.concord.ws.gateway;

import java.util.Optional;

/**
 * The connect URL's query ({@code ?v=10&encoding=json&compress=zlib-stream}). Only JSON text is
 * spoken for now; {@code compress} is ignored because JDA inflates only binary frames and reads
 * text frames as plain JSON even when it asked for zlib-stream.
 */
record GatewayParams(String version, String encoding) {

    static GatewayParams from(Optional<String> version, Optional<String> encoding) {
        return new GatewayParams(version.orElse("10"), encoding.orElse("json"));
    }

    /** The close this connection must get before HELLO, if any. */
    Optional<GatewayClose> rejection() {
        if (!version.equals("10") && !version.equals("9")) return Optional.of(GatewayClose.invalidApiVersion());
        if (!encoding.equals("json")) return Optional.of(GatewayClose.decodeError("Unsupported encoding: only json is supported"));
        return Optional.empty();
    }
}
