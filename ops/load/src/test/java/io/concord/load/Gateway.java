package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

/**
 * The gateway steps every session takes, as a Discord client does: {@code GET /gateway} for the URL
 * (unless {@code -DgatewayUrl} names it), connect with {@code ?v=10&encoding=json} and wait for HELLO
 * (op 10), IDENTIFY (op 2) and wait for READY, heartbeat (op 1) and wait for the ACK (op 11).
 *
 * <p>Session attributes it reads: {@code authorization} (the REST header value), {@code gatewayToken}
 * (the IDENTIFY token), {@code identifyExtra} (more IDENTIFY fields, e.g. intents), {@code seq} (last
 * dispatch number, for heartbeats). It sets {@code gatewayUrl}, {@code heartbeatMs}, {@code sessionId}.
 *
 * <p>Names in the report: {@code GET /gateway}, {@code gateway connect} (the WebSocket handshake),
 * {@code HELLO} (handshake done to HELLO), {@code READY} (IDENTIFY sent to READY), {@code heartbeat ACK}.
 */
final class Gateway {
    static final String GET_GATEWAY = "GET /gateway";
    static final String HELLO = "HELLO";
    static final String READY = "READY";
    static final String HEARTBEAT_ACK = "heartbeat ACK";

    private Gateway() {}

    /** REST header value and IDENTIFY token of a user row ({@code token}) of a seed file. */
    static Session asUser(Session s) {
        String token = s.getString("token");
        return s.set("authorization", token).set("gatewayToken", token);
    }

    /** The same for a bot row: {@code Bot <token>} over REST, the raw token in IDENTIFY. */
    static Session asBot(Session s) {
        String token = s.getString("token");
        return s.set("authorization", "Bot " + token).set("gatewayToken", token);
    }

    static ChainBuilder discover(Target target) {
        if (!target.gatewayUrl().isEmpty()) return exec(s -> s.set("gatewayUrl", target.gatewayUrl()));
        return exec(RateLimits.checked(http(GET_GATEWAY).get("/gateway").header("Authorization", "#{authorization}"), 200)
                        .check(jsonPath("$.url").saveAs("gatewayUrl")))
                .exec(RateLimits.tally(GET_GATEWAY));
    }

    static ChainBuilder connect(int timeoutSeconds) {
        return exec(ws("gateway connect").connect(s -> stripSlash(s.getString("gatewayUrl")) + "/?v=10&encoding=json")
                .await(timeoutSeconds).on(ws.checkTextMessage(HELLO)
                        .check(jsonPath("$.op").ofInt().is(10), jsonPath("$.d.heartbeat_interval").ofLong().saveAs("heartbeatMs"))));
    }

    static ChainBuilder identify(int timeoutSeconds) {
        return exec(s -> s.set("seq", "null"))
                .exec(ws("IDENTIFY").sendText(s -> "{\"op\":2,\"d\":{\"token\":\"" + s.getString("gatewayToken")
                                + "\",\"properties\":{\"os\":\"linux\",\"browser\":\"concord-load\",\"device\":\"concord-load\"}"
                                + s.getString("identifyExtra") + "}}")
                        .await(timeoutSeconds).on(ws.checkTextMessage(READY).matching(substring("\"t\":\"READY\""))
                                .check(jsonPath("$.d.session_id").saveAs("sessionId"), jsonPath("$.s").ofLong().saveAs("seq"))));
    }

    static ChainBuilder heartbeat(int timeoutSeconds) {
        return exec(ws("heartbeat").sendText(s -> "{\"op\":1,\"d\":" + s.get("seq") + "}")
                .await(timeoutSeconds).on(ws.checkTextMessage(HEARTBEAT_ACK).matching(substring("\"op\":11"))));
    }

    /** Subscribes to a channel's member list (op 14), as a client viewing that channel does; no answer is awaited. */
    static ChainBuilder subscribe() {
        return exec(ws("op 14 subscribe").sendText(s -> "{\"op\":14,\"d\":{\"guild_id\":\"" + s.getString("guild_id")
                + "\",\"typing\":true,\"activities\":true,\"threads\":true,\"channels\":{\"" + s.getString("channel_id") + "\":[[0,99]]}}}"));
    }

    static ChainBuilder close() {
        return exec(ws("gateway close").close());
    }

    /** IDENTIFY fields beyond token and properties: {@code ,"intents":n} when intents are declared (n >= 0). */
    static String intentsField(long intents) {
        return intents < 0 ? "" : ",\"intents\":" + intents;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
