package io.concord.ws.gateway;

import io.concord.ws.compress.TransportCompression;
import java.util.Optional;

/**
 * The connect URL's query ({@code ?v=10&encoding=json&compress=zlib-stream}). Only JSON is spoken.
 * {@code compress=zlib-stream} turns every frame of the connection into binary zlib-stream frames;
 * any other {@code compress} value falls back to text frames (see {@link TransportCompression}).
 */
record GatewayParams(String version, String encoding, TransportCompression compression) {

    static GatewayParams from(Optional<String> version, Optional<String> encoding) {
        return from(version, encoding, Optional.empty());
    }

    static GatewayParams from(Optional<String> version, Optional<String> encoding, Optional<String> compress) {
        return new GatewayParams(version.orElse("10"), encoding.orElse("json"), TransportCompression.fromQuery(compress));
    }

    /** The close this connection must get before HELLO, if any. */
    Optional<GatewayClose> rejection() {
        if (!version.equals("10") && !version.equals("9")) return Optional.of(GatewayClose.invalidApiVersion());
        if (!encoding.equals("json")) return Optional.of(GatewayClose.decodeError("Unsupported encoding: only json is supported"));
        return Optional.empty();
    }
}
