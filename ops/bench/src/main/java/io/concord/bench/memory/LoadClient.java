package io.concord.bench.memory;

import io.concord.bench.FrameAges;
import io.concord.bench.GatewayFrames;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Opens and holds idle gateway sockets; run as its own process so its sockets and memory are not
 * the server's. Driven over stdin/stdout by {@link MemoryBench}: {@code open N} opens sockets until N
 * are held (each ready: HELLO seen, and in {@code identify} mode IDENTIFY sent and READY received)
 * and answers {@code held <n> failed <f> dropped <d>}; {@code quit} exits.
 *
 * <p>For the fanout benchmark ({@code io.concord.bench.fanout.FanoutBench}) it also counts and
 * times the MESSAGE_CREATE frames its ready sockets receive, and answers {@code count}, {@code lat},
 * {@code acc} and {@code first} as {@link FrameAges} describes.
 *
 * <p>Usage: {@code LoadClient <url> <identify|hello> <tokensFile> <compress:true|false> <concurrency> <timeoutSec> [intents, default 513]
 *     [<every>:<guildId>:<channelId>: every every-th socket sends op 14 for that channel after its GUILD_CREATE; 0 = none]}
 */
public final class LoadClient {
    private static final AtomicInteger dropped = new AtomicInteger();
    private static final FrameAges ages = new FrameAges();
    private static int intents = 513;
    /** Every this-many-th socket (by opening order) subscribes to {@link #subscribeChannel} with op 14 once its GUILD_CREATE came; 0: none. */
    private static int subscribeEvery;
    private static String subscribeGuild;
    private static String subscribeChannel;

    private LoadClient() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        boolean identify = args[1].equals("identify");
        List<String> tokens = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        boolean compress = Boolean.parseBoolean(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        long timeoutSec = Long.parseLong(args[5]);
        if (args.length > 6) intents = Integer.parseInt(args[6]);
        if (args.length > 7 && !args[7].equals("0")) {
            String[] sub = args[7].split(":"); // <every>:<guildId>:<channelId>
            subscribeEvery = Integer.parseInt(sub[0]);
            subscribeGuild = sub[1];
            subscribeChannel = sub[2];
        }

        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeats");
            t.setDaemon(true);
            return t;
        });
        List<WebSocket> held = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int failed = 0;
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split("\\s+");
            if (cmd[0].equals("quit")) break;
            if (ages.answer(cmd[0], System.out)) continue;
            if (!cmd[0].equals("open")) continue;
            int target = Integer.parseInt(cmd[1]);
            Semaphore inFlight = new Semaphore(concurrency);
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = held.size(); i < target; i++) {
                inFlight.acquire();
                String token = tokens.isEmpty() ? "" : tokens.get(i % tokens.size());
                Connection c = new Connection(identify, token, compress, beats, subscribeEvery > 0 && i % subscribeEvery == 0);
                CompletableFuture<WebSocket> f = http.newWebSocketBuilder().buildAsync(url, c)
                        .thenCompose(ws -> c.ready)
                        .orTimeout(timeoutSec, TimeUnit.SECONDS);
                f.whenComplete((ws, e) -> inFlight.release());
                opening.add(f);
            }
            for (CompletableFuture<WebSocket> f : opening) {
                try {
                    held.add(f.join());
                } catch (RuntimeException e) {
                    failed++;
                    if (failed <= 5) System.err.println("open failed: " + e);
                }
            }
            System.out.println("held " + held.size() + " failed " + failed + " dropped " + dropped.get());
            System.out.flush();
        }
        System.exit(0);
    }

    /** One gateway connection: inflates (zlib-stream) and reads frames until it is ready, then discards them. */
    private static final class Connection implements WebSocket.Listener {
        final CompletableFuture<WebSocket> ready = new CompletableFuture<>();
        private final boolean identify;
        private final String token;
        private final ScheduledExecutorService beats;
        private Inflater inflater;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private boolean helloSeen;
        private boolean subscribe;

        Connection(boolean identify, String token, boolean compress, ScheduledExecutorService beats, boolean subscribe) {
            this.subscribe = subscribe;
            this.identify = identify;
            this.token = token;
            this.beats = beats;
            this.inflater = compress ? new Inflater() : null;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (ready.isDone()) {
                // A message may come in parts (as the bytes arrive): count it once, whole.
                if (!last) {
                    text.append(data);
                } else if (text.isEmpty()) {
                    subscribeOn(ws, data);
                    ages.received(data);
                } else {
                    text.append(data);
                    subscribeOn(ws, text);
                    ages.received(text);
                    text.setLength(0);
                }
            } else {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    received(ws, frame);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (!ready.isDone()) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                binary.writeBytes(bytes);
                if (last) {
                    String frame = inflate(binary.toByteArray());
                    binary.reset();
                    received(ws, frame);
                }
            }
            ws.request(1);
            return null;
        }

        /** A frame after READY: counts MESSAGE_CREATEs and times those that carry a send time. */
        private void subscribeOn(WebSocket ws, CharSequence frame) {
            if (!subscribe || !frame.toString().contains("\"t\":\"GUILD_CREATE\"")) return;
            subscribe = false;
            ws.sendText("{\"op\":14,\"d\":{\"guild_id\":\"" + subscribeGuild + "\",\"channels\":{\"" + subscribeChannel
                    + "\":[[0,99]]}}}", true);
        }

        private String inflate(byte[] bytes) {
            if (inflater == null) return new String(bytes, StandardCharsets.UTF_8);
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = inflater.inflate(buf)) > 0) out.write(buf, 0, n);
            } catch (DataFormatException e) {
                ready.completeExceptionally(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private void received(WebSocket ws, String frame) {
            if (!helloSeen) {
                if (!frame.contains("\"op\":10")) {
                    ready.completeExceptionally(new IllegalStateException("expected HELLO, got " + GatewayFrames.abbreviate(frame)));
                    return;
                }
                helloSeen = true;
                if (!identify) {
                    becameReady(ws);
                    return;
                }
                long interval = GatewayFrames.heartbeatInterval(frame);
                long period = GatewayFrames.heartbeatPeriod(interval);
                beats.scheduleAtFixedRate(() -> ws.sendText(GatewayFrames.HEARTBEAT, true), period, period, TimeUnit.MILLISECONDS);
                ws.sendText(GatewayFrames.identify(token, intents), true);
            } else if (frame.contains("\"t\":\"READY\"")) {
                becameReady(ws);
            } else if (frame.contains("\"op\":9")) {
                ready.completeExceptionally(new IllegalStateException("INVALID_SESSION: " + GatewayFrames.abbreviate(frame)));
            }
        }

        private void becameReady(WebSocket ws) {
            if (inflater != null) {
                inflater.end(); // later frames are discarded unread, so the client frees its zlib context
                inflater = null;
            }
            ready.complete(ws);
        }


        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason))) dropped.incrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!ready.completeExceptionally(error)) dropped.incrementAndGet();
        }
    }
}
