package io.concord.ws.support;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client side of a zlib-stream connection, as JDA reads it: one {@link Inflater} with default
 * settings for the whole connection, fed each binary frame in turn.
 */
public final class ZlibReader {
    private final Inflater inflater = new Inflater();
    private final byte[] buffer = new byte[8192];

    /** The payload of the next frame. */
    public byte[] inflate(byte[] frame) {
        inflater.setInput(frame);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) break;
            }
        } catch (DataFormatException e) {
            throw new AssertionError("not a valid continuation of the zlib stream", e);
        }
        if (inflater.finished()) throw new AssertionError("the server ended the zlib stream");
        return out.toByteArray();
    }
}
