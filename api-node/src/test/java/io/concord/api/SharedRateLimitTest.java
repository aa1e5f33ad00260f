package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.test.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two api-nodes on one Redis count one window: a client spread over nodes gets no extra requests. */
class SharedRateLimitTest {
    private static final RateLimitRedis redis = new RateLimitRedis();
    private static final ManualClock clock = ManualClock.now();
    private static ApiNode first;
    private static ApiNode second;

    @BeforeAll
    static void start() throws Exception {
        redis.clear();
        first = TestApiNode.start(153, clock, Map.of("RATE_LIMITS", "on"));
        second = TestApiNode.start(154, clock, Map.of("RATE_LIMITS", "on"));
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        redis.close();
    }

    @Test
    void requestsThroughEitherNodeDrawFromTheSameBucket() {
        RestClient a = new RestClient(first.baseUrl());
        RestClient b = new RestClient(second.baseUrl());
        Accounts viaA = new Accounts(a);
        Accounts viaB = new Accounts(b);
        Accounts.User owner = viaA.register();
        String channel = viaA.createGuild(owner).generalId();

        for (int i = 0; i < 3; i++) assertThat(viaA.send(owner, channel, "a" + i).status()).isEqualTo(200);
        Response fourth = viaB.send(owner, channel, "b0");
        assertThat(fourth.status()).as("%s", fourth).isEqualTo(200);
        assertThat(fourth.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertThat(viaB.send(owner, channel, "b1").status()).isEqualTo(200);

        Response refusedOnA = viaA.send(owner, channel, "a3");
        Response refusedOnB = viaB.send(owner, channel, "b2");
        assertThat(refusedOnA.status()).isEqualTo(429);
        assertThat(refusedOnB.status()).isEqualTo(429);
        assertThat(refusedOnA.headers().firstValue("X-RateLimit-Bucket")).isEqualTo(refusedOnB.headers().firstValue("X-RateLimit-Bucket"));

        Response history = b.get("/channels/" + channel + "/messages", owner.token());
        assertThat(history.json().size()).as("%s", history).isEqualTo(5);
    }
}
