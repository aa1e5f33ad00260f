package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.test.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The api-node's share of a delivery: from a message's acceptance (its id's time) to its stream append, by the node's clock. */
class MessageMetricsTest {
    private static final String SERIES = "message_accept_to_append_seconds";
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(165, clock, Map.of("RATE_LIMITS", "off"));
    private static final Accounts accounts = api.accounts();

    private static String metrics() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.node().adminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** The value of the series' line whose {@code le} is {@code bound}, or of the line {@code name} itself when bound is null. */
    private static OptionalDouble value(String page, String name, Double bound) {
        return page.lines()
                .filter(l -> bound == null ? l.startsWith(name + " ") : l.startsWith(name + "{") && le(l) == bound)
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static double le(String line) {
        String label = "le=\"";
        int start = line.indexOf(label) + label.length();
        return Double.parseDouble(line.substring(start, line.indexOf('"', start)));
    }

    @Test
    void eachSentMessageIsTimedFromItsIdToItsStreamAppend() throws Exception {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String start = metrics();
        double before = value(start, SERIES + "_count", null).orElse(0);
        double fastBefore = value(start, SERIES + "_bucket", 0.0005).orElse(0);

        assertThat(accounts.send(owner, guild.generalId(), "one").status()).isEqualTo(200);
        assertThat(accounts.send(owner, guild.generalId(), "two").status()).isEqualTo(200);

        String page = metrics();
        assertThat(value(page, SERIES + "_count", null)).hasValue(before + 2);
        // The clock did not move while the messages were sent: the id's time and the append's are the same millisecond.
        assertThat(value(page, SERIES + "_bucket", 0.0005)).hasValue(fastBefore + 2);
    }
}
