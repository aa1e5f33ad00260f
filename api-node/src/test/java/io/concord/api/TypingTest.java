package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.Permission;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TypingTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(135);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private Accounts.User owner;
    private Accounts.User member;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
    }

    @Test
    void typingPublishesOneTypingStartForRepeatedCallsInAShortWindow() {
        String path = "/channels/" + guild.generalId() + "/typing";

        assertThat(rest.post(path, member.token(), Map.of()).status()).isEqualTo(204);
        assertThat(rest.post(path, member.token(), Map.of()).status()).isEqualTo(204);
        assertThat(rest.post(path, owner.token(), Map.of()).status()).isEqualTo(204);

        var typing = events.of(guild.id(), "TYPING_START");
        assertThat(typing).hasSize(2);
        var d = typing.getFirst().d();
        assertThat(typing.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(d.path("user_id").asString()).isEqualTo(member.id());
        assertThat(d.path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(d.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(d.path("timestamp").asLong()).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);
        assertThat(d.path("member").path("user").path("id").asString()).isEqualTo(member.id());
        assertThat(typing.getLast().d().path("user_id").asString()).isEqualTo(owner.id());
    }

    @Test
    void typingNeedsSendMessagesAndViewChannel() {
        String readOnly = accounts.channelDenyingEveryone(owner, guild, Permission.SEND_MESSAGES);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);

        assertError(rest.post("/channels/" + readOnly + "/typing", member.token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.post("/channels/" + hidden + "/typing", member.token(), Map.of()), 403, 50001, "Missing Access");
        assertThat(events.of(guild.id(), "TYPING_START")).isEmpty();
    }
}
