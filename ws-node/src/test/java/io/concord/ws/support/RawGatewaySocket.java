package io.concord.ws.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A WebSocket client on a plain socket, so a test decides when (and whether) it reads: one that never
 * reads builds real TCP back-pressure on the node. It speaks just enough of RFC 6455 for the gateway:
 * masked text frames out, unmasked frames in.
 */
public final class RawGatewaySocket implements AutoCloseable {
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame. */
        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawGatewaySocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the socket with a small receive window and completes the upgrade (reads only the 101 response). */
    public static RawGatewaySocket connect(String wsUrl, int receiveBufferBytes) throws IOException {
        RawGatewaySocket raw = open(wsUrl, receiveBufferBytes);
        raw.requestUpgrade();
        String status = raw.upgradeStatus();
        if (!status.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + status);
        return raw;
    }

    /** A TCP connection to the node that has not asked for anything yet (to send many upgrades at once). */
    public static RawGatewaySocket open(String wsUrl, int receiveBufferBytes) throws IOException {
        URI uri = URI.create(wsUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        return new RawGatewaySocket(socket);
    }

    public void requestUpgrade() throws IOException {
        String key = Base64.getEncoder().encodeToString("concord-raw-test".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /?v=10&encoding=json HTTP/1.1\r\nHost: " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line of the answer to {@link #requestUpgrade} (its headers are consumed). */
    public String upgradeStatus() throws IOException {
        return readHeaders().lines().findFirst().orElse("");
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new EOFException();
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends a text frame, masked with a zero key (any key is valid; zero leaves the bytes as they are). */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(new byte[4]);
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame, or empty at the end of the stream. */
    public Optional<Frame> next() throws IOException {
        int first = in.read();
        if (first < 0) return Optional.empty();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return Optional.of(new Frame(first & 0x0f, payload));
    }

    /** Reads (and discards) frames until the close frame, returning it; empty if the stream ends without one. */
    public Optional<Frame> readUntilClose() throws IOException {
        while (true) {
            Optional<Frame> f = next();
            if (f.isEmpty() || f.get().opcode() == 0x8) return f;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class EOFException extends IOException {
        EOFException() {
            super("connection closed during the upgrade");
        }
    }
}
