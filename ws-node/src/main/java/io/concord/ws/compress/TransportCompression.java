package io.concord.ws.compress;

import java.util.Optional;

/**
 * The {@code compress} value of the connect URL. Only {@code zlib-stream} is spoken; any other value
 * (Discord's {@code zstd-stream} included) gets plain text frames, which every Discord client reads
 * as JSON whatever it asked for, so the client keeps working instead of looping on a refused connect.
 */
public enum TransportCompression {
    NONE("none"),
    ZLIB_STREAM("zlib-stream");

    private final String label;

    TransportCompression(String label) {
        this.label = label;
    }

    /** The metrics label. */
    public String label() {
        return label;
    }

    public static TransportCompression fromQuery(Optional<String> compress) {
        return compress.filter("zlib-stream"::equals).map(c -> ZLIB_STREAM).orElse(NONE);
    }
}
