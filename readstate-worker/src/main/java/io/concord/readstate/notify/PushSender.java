package io.concord.readstate.notify;

import io.concord.common.json.Json;
import io.concord.common.notify.Device;
import io.concord.common.notify.WebPushCrypto;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/** POSTs one notification to a device: encrypted Web Push with VAPID, or plain JSON to a webhook. Returns the HTTP status. */
final class PushSender {
    private final HttpClient http;
    private final NotifyConfig config;
    private final Clock clock;

    PushSender(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.httpTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    int send(Device device, String payload) throws IOException, InterruptedException {
        byte[] json = payload.getBytes(StandardCharsets.UTF_8);
        URI endpoint = URI.create(device.endpoint());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(config.httpTimeout());
        if (Device.WEBPUSH.equals(device.provider())) {
            JsonNode keys = Json.parse(device.token()).path("keys");
            byte[] body = WebPushCrypto.encrypt(json, WebPushCrypto.base64url(keys.path("p256dh").asString()),
                    WebPushCrypto.base64url(keys.path("auth").asString()));
            String audience = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
            long exp = clock.instant().getEpochSecond() + 12 * 3600;
            request.header("Content-Type", "application/octet-stream").header("Content-Encoding", "aes128gcm")
                    .header("TTL", "86400").header("Urgency", "high")
                    .header("Authorization", WebPushCrypto.vapidAuthorization(audience, config.vapidSubject(), exp, config.vapid()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
