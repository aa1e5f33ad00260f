package io.concord.ws.gateway;

import io.concord.ws.compress.TransportCompression;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The connect URL's query ({@code ?v=10&encoding=json&compress=zlib-stream}). Only JSON is spoken.
 * {@code compress=zlib-stream} turns every frame of the connection into binary zlib-stream frames;
 * any other {@code compress} value falls back to text frames (see {@link TransportCompression}).
 */
record GatewayParams(String version, String encoding, TransportCompression compression) {
    /** The accepted combinations, shared by every socket that asks for one (each socket would otherwise keep its own strings). */
    private static final List<GatewayParams> ACCEPTED = Stream.of("10", "9")
            .flatMap(v -> Stream.of(TransportCompression.values()).map(c -> new GatewayParams(v, "json", c))).toList();

    static GatewayParams from(Optional<String> version, Optional<String> encoding) {
        return from(version, encoding, Optional.empty());
    }

    static GatewayParams from(Optional<String> version, Optional<String> encoding, Optional<String> compress) {
        GatewayParams asked = new GatewayParams(version.orElse("10"), encoding.orElse("json"), TransportCompression.fromQuery(compress));
        return ACCEPTED.stream().filter(asked::equals).findFirst().orElse(asked);
    }

    /** The close this connection must get before HELLO, if any. */
    Optional<GatewayClose> rejection() {
        if (!version.equals("10") && !version.equals("9")) return Optional.of(GatewayClose.invalidApiVersion());
        if (!encoding.equals("json")) return Optional.of(GatewayClose.decodeError("Unsupported encoding: only json is supported"));
        return Optional.empty();
    }
}
