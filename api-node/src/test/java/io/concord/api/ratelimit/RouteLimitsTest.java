package io.concord.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteLimitsTest {
    private final RouteLimits discord = RouteLimits.discord(100);

    @Test
    void messageSendsAreFivePerFiveSeconds() {
        Limit send = discord.forRoute("POST", "/channels/{channel_id}/messages");
        assertThat(send.count()).isEqualTo(5);
        assertThat(send.window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(send.shared()).isFalse();
    }

    @Test
    void reactionRoutesShareOneBucketOfOnePerQuarterSecond() {
        Limit add = discord.forRoute("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me");
        Limit remove = discord.forRoute("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}");
        assertThat(add.hash()).isEqualTo(remove.hash());
        assertThat(add.count()).isEqualTo(1);
        assertThat(add.window()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void parameterNamesDoNotMatterOnlyTheShapeOfTheRoute() {
        assertThat(discord.forRoute("DELETE", "/channels/{id}/messages/{mid}"))
                .isEqualTo(discord.forRoute("DELETE", "/channels/{channel_id}/messages/{message_id}"));
    }

    @Test
    void unlistedRoutesEachGetTheirOwnDefaultBucket() {
        Limit me = discord.forRoute("GET", "/users/@me");
        Limit guilds = discord.forRoute("GET", "/users/@me/guilds");
        Limit postMe = discord.forRoute("POST", "/users/@me");
        assertThat(me.count()).isEqualTo(RouteLimits.DEFAULT.count());
        assertThat(me.window()).isEqualTo(RouteLimits.DEFAULT.window());
        assertThat(List.of(me.hash(), guilds.hash(), postMe.hash())).doesNotHaveDuplicates();
        assertThat(discord.forRoute("GET", "/users/@me").hash()).isEqualTo(me.hash());
    }

    @Test
    void theSameRouteWithAnotherMethodIsAnotherBucket() {
        assertThat(discord.forRoute("GET", "/channels/{c}/messages").hash())
                .isNotEqualTo(discord.forRoute("POST", "/channels/{c}/messages").hash());
    }

    @Test
    void scaleMultipliesCountsButNeverBelowOne() {
        assertThat(RouteLimits.discord(200).forRoute("POST", "/channels/{c}/messages").count()).isEqualTo(10);
        assertThat(RouteLimits.discord(200).forRoute("GET", "/users/@me").count()).isEqualTo(20);
        assertThat(RouteLimits.discord(1).forRoute("PUT", "/channels/{c}/messages/{m}/reactions/{e}/@me").count()).isEqualTo(1);
        assertThat(RouteLimits.discord(200).forRoute("POST", "/channels/{c}/messages").hash())
                .isEqualTo(discord.forRoute("POST", "/channels/{c}/messages").hash());
    }

    @Test
    void emojiRoutesAreSharedPerGuild() {
        assertThat(discord.forRoute("POST", "/guilds/{guild_id}/emojis").shared()).isTrue();
    }

    @Test
    void theMajorParameterIsTheChannelGuildOrWebhookThePathStartsWith() {
        assertThat(RateLimitKeys.majorParameter(List.of("channels", "{channel_id}", "messages"), Map.of("channel_id", "11")))
                .isEqualTo("channel:11");
        assertThat(RateLimitKeys.majorParameter(List.of("guilds", "{guild_id}", "roles", "{role_id}"), Map.of("guild_id", "22", "role_id", "33")))
                .isEqualTo("guild:22");
        assertThat(RateLimitKeys.majorParameter(List.of("users", "@me", "guilds"), Map.of())).isEqualTo("-");
        assertThat(RateLimitKeys.majorParameter(List.of("invites", "{code}"), Map.of("code", "abc"))).isEqualTo("-");
    }

    @Test
    void aWebhookTokenIsPartOfTheMajorParameterButNeverStoredInClear() {
        String withToken = RateLimitKeys.majorParameter(List.of("webhooks", "{webhook_id}", "{webhook_token}"),
                Map.of("webhook_id", "44", "webhook_token", "s3cr3t-token"));
        String otherToken = RateLimitKeys.majorParameter(List.of("webhooks", "{webhook_id}", "{webhook_token}"),
                Map.of("webhook_id", "44", "webhook_token", "another"));
        assertThat(withToken).startsWith("webhook:44:").doesNotContain("s3cr3t");
        assertThat(withToken).isNotEqualTo(otherToken);
        assertThat(RateLimitKeys.majorParameter(List.of("webhooks", "{webhook_id}"), Map.of("webhook_id", "44"))).isEqualTo("webhook:44");
    }

    @Test
    void sharedBucketKeysLeaveTheCallerOut() {
        Limit shared = Limit.shared("s", 1, Duration.ofSeconds(1));
        Limit perCaller = Limit.perCaller("p", 1, Duration.ofSeconds(1));
        assertThat(RateLimitKeys.bucket(shared, "guild:1", "user:2")).doesNotContain("user:2");
        assertThat(RateLimitKeys.bucket(perCaller, "guild:1", "user:2")).endsWith(":guild:1:user:2");
    }
}
