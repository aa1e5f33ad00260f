package io.concord.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the load goes and where the seed is: {@code -DapiUrl} (the REST base, local or remote),
 * {@code -DgatewayUrl} (empty: every session asks {@code GET /gateway}, as Discord clients do) and
 * {@code -DseedDir} (what {@code ops/concord seed} wrote).
 */
record Target(String apiUrl, String gatewayUrl, Path seedDir, int wsBuffer) {

    static Target from(Params p) {
        String api = p.string("apiUrl", "http://127.0.0.1:8080/api/v10", "REST base URL of the Concord under test");
        String gateway = p.string("gatewayUrl", "", "gateway URL to use instead of asking GET /gateway (e.g. behind a proxy)");
        String seed = p.string("seedDir", defaultSeedDir().toString(), "directory of the seed-*.csv files (ops/concord seed --out)");
        int buffer = p.integer("wsBuffer", 10_000, 100, 10_000_000,
                "gateway frames each session may buffer between two reads (a full buffer drops the oldest)");
        return new Target(stripSlash(api), stripSlash(gateway), Path.of(seed), buffer);
    }

    /** {@code <repo>/.concord/load}, found from the working directory (the repo root or ops/load). */
    static Path defaultSeedDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("ops/concord"))) return d.resolve(".concord/load");
        }
        return dir.resolve(".concord/load");
    }

    /**
     * Plain JSON over HTTP/1.1, connections shared by the virtual users (as a client pool would). With
     * {@code readFrames}, each gateway session keeps up to {@code -DwsBuffer} frames no check took, for
     * {@code ws.processUnmatchedMessages}; without, they are dropped.
     */
    HttpProtocolBuilder http(boolean readFrames) {
        HttpProtocolBuilder h = http.baseUrl(apiUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("DiscordBot (https://github.com/concord/load, 1) Gatling")
                .shareConnections();
        return readFrames ? h.wsUnmatchedInboundMessageBufferSize(wsBuffer) : h;
    }

    Path seedFile(String name) {
        return seedDir.resolve(name);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
