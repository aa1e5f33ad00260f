package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A channel's {@code rate_limit_per_user}: a second message within it is refused, and who is exempt. */
class SlowmodeTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(242);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final RoleFixtures roles = api.roles();
    private static final int SIX_HOURS = 21_600;

    private static void slowmode(Accounts.User owner, String channelId, int seconds) {
        Response r = rest.patch("/channels/" + channelId, owner.token(), Map.of("rate_limit_per_user", seconds));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("rate_limit_per_user").asInt()).isEqualTo(seconds);
    }

    private static List<String> contents(Accounts.User reader, String channelId) {
        Response r = rest.get("/channels/" + channelId + "/messages?limit=100", reader.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false).map(m -> m.path("content").asString()).toList();
    }

    private static void assertSlowmodeRefusal(Response r, int seconds) {
        assertThat(r.status()).as("%s", r).isEqualTo(429);
        assertThat(r.json().path("code").asInt()).isEqualTo(20016);
        assertThat(r.json().path("message").asString()).isEqualTo("This action cannot be performed due to slowmode rate limit.");
        assertThat(r.json().path("global").asBoolean(true)).isFalse();
        assertThat(r.json().path("retry_after").asDouble()).isPositive().isLessThanOrEqualTo(seconds);
        long header = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(header).isPositive().isLessThanOrEqualTo(seconds);
    }

    @Test
    void aSecondMessageWithinTheSlowmodeIsRefusedWith429AndNotStored() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String general = g.guild().generalId();
        slowmode(g.owner(), general, SIX_HOURS);

        assertThat(accounts.send(g.member(), general, "first").status()).isEqualTo(200);
        assertSlowmodeRefusal(accounts.send(g.member(), general, "second"), SIX_HOURS);

        assertThat(contents(g.owner(), general)).containsExactly("first");
        String other = rest.post("/guilds/" + g.guild().id() + "/channels", g.owner().token(), Map.of("name", "fast", "type", 0))
                .json().path("id").asString();
        assertThat(accounts.send(g.member(), other, "elsewhere").status()).as("slowmode is per channel").isEqualTo(200);
        slowmode(g.owner(), general, 0);
        assertThat(accounts.send(g.member(), general, "slowmode off").status()).isEqualTo(200);
    }

    @Test
    void aRetriedSendWithTheSameNonceGetsTheOriginalInsteadOfARefusal() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String general = g.guild().generalId();
        slowmode(g.owner(), general, SIX_HOURS);
        Map<String, Object> body = Map.of("content", "once", "nonce", "retry-1", "enforce_nonce", true);

        Response first = rest.post("/channels/" + general + "/messages", g.member().token(), body);
        Response retry = rest.post("/channels/" + general + "/messages", g.member().token(), body);

        assertThat(retry.status()).as("%s", retry).isEqualTo(200);
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertSlowmodeRefusal(rest.post("/channels/" + general + "/messages", g.member().token(),
                Map.of("content", "new", "nonce", "retry-2", "enforce_nonce", true)), SIX_HOURS);
    }

    @Test
    void theOwnerBotsAndMembersWhoMayBypassOrManageAreNotLimited() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String general = guild.generalId();
        slowmode(owner, general, SIX_HOURS);
        List<Accounts.User> exempt = List.of(owner,
                roles.memberWith(owner, guild, roles.role(owner, guild, "bypass", Permission.BYPASS_SLOWMODE)),
                roles.memberWith(owner, guild, roles.role(owner, guild, "messages", Permission.MANAGE_MESSAGES)),
                roles.memberWith(owner, guild, roles.role(owner, guild, "channels", Permission.MANAGE_CHANNELS)),
                roles.memberWith(owner, guild, roles.role(owner, guild, "admin", Permission.ADMINISTRATOR)));
        Accounts.User plain = roles.member(owner, guild);

        Bots.Bot bot = api.bots().create(owner, "Slow Bot");
        api.bots().addTo(owner, bot, guild.id(), Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES);

        for (Accounts.User u : exempt) {
            for (int i = 0; i < 2; i++) assertThat(accounts.send(u, general, "exempt " + i).status()).as("%s", u).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            Response r = rest.post("/channels/" + general + "/messages", bot.token(), Map.of("content", "bot " + i));
            assertThat(r.status()).as("a bot is not slowed down: %s", r).isEqualTo(200);
        }
        assertThat(accounts.send(plain, general, "plain").status()).isEqualTo(200);
        assertSlowmodeRefusal(accounts.send(plain, general, "plain again"), SIX_HOURS);
    }
}
