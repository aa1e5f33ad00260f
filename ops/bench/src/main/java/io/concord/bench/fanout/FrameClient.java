package io.concord.bench.fanout;

import io.concord.bench.FrameAges;
import io.concord.bench.GatewayFrames;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway client that costs little per frame, for the latency benchmark: its processes share the
 * machine's cores with the servers they measure, so every microsecond it spends on a frame delays the
 * servers' work (and its own reading) of the next. The JDK's {@code HttpClient} WebSocket, which
 * {@code LoadClient} uses, spent ~45 us of CPU per frame here; this one reads every socket from one
 * selector thread, takes frames straight from the bytes (server frames are unmasked), and hands each
 * whole text frame to {@link FrameAges} as Latin-1 text (the markers it looks for are ASCII).
 *
 * <p>Each socket is opened, upgraded and identified with blocking reads on a virtual thread (up to
 * {@code concurrency} at once) until READY, then moved to the selector; one not READY within
 * {@code timeoutSec} of the {@code open} command counts as failed. No compression, JSON only.
 * Driven over stdin/stdout like {@code LoadClient}: {@code open N}, {@code count}, {@code lat},
 * {@code acc}, {@code first}, {@code quit}.
 *
 * <p>Usage: {@code FrameClient <ws url> <tokensFile> <concurrency> <timeoutSec> <intents>}
 */
public final class FrameClient {
    private static final SecureRandom random = new SecureRandom();
    private final FrameAges ages = new FrameAges();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Selector selector;
    private final ConcurrentLinkedQueue<Connection> toRegister = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeats");
        t.setDaemon(true);
        return t;
    });
    private final URI url;
    private final int intents;

    private FrameClient(URI url, int intents) throws IOException {
        this.url = url;
        this.intents = intents;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        FrameClient client = new FrameClient(URI.create(args[0]), Integer.parseInt(args[4]));
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int concurrency = Integer.parseInt(args[2]);
        long timeoutSec = Long.parseLong(args[3]);
        Thread reader = new Thread(client::select, "selector");
        reader.setDaemon(true);
        reader.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int held = 0, failed = 0;
        try (ExecutorService opening = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.trim().split("\\s+");
                if (cmd[0].equals("quit")) break;
                if (client.ages.answer(cmd[0], System.out) || !cmd[0].equals("open")) continue;
                int target = Integer.parseInt(cmd[1]);
                java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
                List<Future<Connection>> opened = new ArrayList<>();
                for (int i = held; i < target; i++) {
                    inFlight.acquire();
                    String token = tokens.get(i % tokens.size());
                    opened.add(opening.submit(() -> {
                        try {
                            return client.open(token);
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
                for (Future<Connection> f : opened) {
                    try {
                        client.toRegister.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                        held++;
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // Interrupting the opener closes its channel (an interruptible channel).
                        f.cancel(true);
                        if (++failed <= 5) System.err.println("open failed: " + (e.getCause() == null ? e : e.getCause()));
                    }
                }
                client.selector.wakeup();
                System.out.println("held " + held + " failed " + failed + " dropped " + client.dropped.get());
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /** Connects, upgrades, identifies and reads (blocking) until READY. */
    private Connection open(String token) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            byte[] key = new byte[16];
            random.nextBytes(key);
            String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            writeAll(ch, ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            Connection c = new Connection(ch);
            String head = c.readHead();
            if (!head.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
            String hello = c.readTextBlocking();
            if (!hello.contains("\"op\":10")) throw new IOException("expected HELLO, got " + GatewayFrames.abbreviate(hello));
            long interval = GatewayFrames.heartbeatInterval(hello);
            c.sendText(GatewayFrames.identify(token, intents));
            while (true) {
                String frame = c.readTextBlocking();
                if (frame.contains("\"t\":\"READY\"")) break;
                if (frame.contains("\"op\":9")) throw new IOException("INVALID_SESSION: " + GatewayFrames.abbreviate(frame));
            }
            long period = GatewayFrames.heartbeatPeriod(interval);
            beats.scheduleAtFixedRate(() -> c.sendQuietly(GatewayFrames.HEARTBEAT), period, period, TimeUnit.MILLISECONDS);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The selector thread: reads every ready socket and hands each whole text frame on. */
    private void select() {
        try {
            while (true) {
                selector.select();
                for (Connection c; (c = toRegister.poll()) != null; ) {
                    c.channel.configureBlocking(false);
                    c.channel.register(selector, SelectionKey.OP_READ, c);
                    c.drainBuffered();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    try {
                        if (!c.readAvailable()) {
                            key.cancel();
                            c.channel.close();
                            dropped.incrementAndGet();
                        }
                    } catch (IOException e) {
                        key.cancel();
                        c.channel.close();
                        dropped.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("selector failed: " + e);
        }
    }

    private static void writeAll(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.write(buf) == 0) Thread.onSpinWait();
        }
    }

    /** One socket: its receive buffer and the text frame being assembled from fragments. */
    private final class Connection {
        final SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private final StringBuilder fragments = new StringBuilder();
        private String whole;

        Connection(SocketChannel channel) {
            this.channel = channel;
            in.flip();
        }

        String readHead() throws IOException {
            StringBuilder head = new StringBuilder();
            while (true) {
                while (in.hasRemaining()) {
                    head.append((char) in.get());
                    if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) return head.toString();
                }
                fill();
            }
        }

        /** Setup only (blocking): the next whole text frame. */
        String readTextBlocking() throws IOException {
            while (true) {
                if (parse()) {
                    String frame = whole;
                    whole = null;
                    return frame;
                }
                fill();
            }
        }

        private void fill() throws IOException {
            if (readSome() < 0) throw new EOFException("closed by the server");
        }

        /** One read into the buffer (doubled first if full); the read's count, -1 at the end of the stream. */
        private int readSome() throws IOException {
            in.compact();
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            int n = channel.read(in);
            in.flip();
            return n;
        }

        /** After the move to the selector: frames already buffered during setup. */
        void drainBuffered() {
            while (parse()) {
                ages.received(whole);
                whole = null;
            }
        }

        /** Non-blocking: reads what is there and handles every whole frame; false when the socket closed. */
        boolean readAvailable() throws IOException {
            while (true) {
                int n = readSome();
                drainBuffered();
                if (n < 0) return false;
                if (n == 0) return true;
            }
        }

        /**
         * Takes one frame from the buffer if it is all there; true when it completed a text message
         * (left in {@link #whole}). Control frames are skipped; a close frame ends the socket's use.
         */
        private boolean parse() {
            while (true) {
                if (in.remaining() < 2) return false;
                int at = in.position();
                int b0 = in.get(at) & 0xFF, b1 = in.get(at + 1) & 0xFF;
                long len = b1 & 0x7F;
                int header = 2;
                if (len == 126) {
                    if (in.remaining() < 4) return false;
                    len = in.getShort(at + 2) & 0xFFFF;
                    header = 4;
                } else if (len == 127) {
                    if (in.remaining() < 10) return false;
                    len = in.getLong(at + 2);
                    header = 10;
                }
                if (in.remaining() < header + len) return false;
                int opcode = b0 & 0x0F;
                boolean fin = (b0 & 0x80) != 0;
                String text = new String(in.array(), in.arrayOffset() + at + header, (int) len, StandardCharsets.ISO_8859_1);
                in.position(at + header + (int) len);
                if (opcode == 0x1 || opcode == 0x0) {
                    if (fin && fragments.isEmpty()) {
                        whole = text;
                        return true;
                    }
                    fragments.append(text);
                    if (fin) {
                        whole = fragments.toString();
                        fragments.setLength(0);
                        return true;
                    }
                }
                // Other opcodes (ping, pong, close, binary) carry nothing this benchmark counts.
            }
        }

        void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            int len = payload.length;
            ByteBuffer out = ByteBuffer.allocate(14 + len);
            out.put((byte) 0x81);
            if (len < 126) {
                out.put((byte) (0x80 | len));
            } else if (len < 65536) {
                out.put((byte) (0x80 | 126)).putShort((short) len);
            } else {
                out.put((byte) (0x80 | 127)).putLong(len);
            }
            out.put(mask);
            for (int i = 0; i < len; i++) out.put((byte) (payload[i] ^ mask[i & 3]));
            out.flip();
            synchronized (this) {
                writeAll(channel, out);
            }
        }

        void sendQuietly(String text) {
            try {
                sendText(text);
            } catch (IOException e) {
                // The selector sees the socket close and counts it as dropped.
            }
        }
    }
}
