package io.concord.ws.readstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.readstate.ReadState;
import io.concord.common.readstate.ReadStateCache;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** READY's read_state, and MESSAGE_ACK (published on the guild's stream) reaching only the acking user's sessions. */
class ReadStateGatewayTest {
    private static final int NODE_ID = 840;
    private static final int INTENTS = 1 | (1 << 9) | (1 << 15);
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    @Test
    void readyCarriesTheVersionedReadStateOfTheUsersChannels() throws Exception {
        long owner = world.user("owner");
        long user = world.user("reader");
        TestGuild guild = world.guild(owner, "g");
        world.join(guild.id(), user);
        long hidden = world.hiddenChannel(guild.id());
        long read = world.id();
        ReadStateCache cache = new ReadStateCache(world.redis, Clock.systemUTC());
        ReadState state = cache.set(user, guild.id(), guild.channelId(), read, 2);
        cache.set(user, guild.id(), hidden, read, 5);

        try (GatewayClient client = wsNode.connect()) {
            JsonNode readState = client.identify(world.token(user), INTENTS).path("d").path("read_state");

            assertThat(readState.path("partial").asBoolean(true)).isFalse();
            assertThat(readState.path("version").asLong()).isGreaterThanOrEqualTo(state.version());
            assertThat(readState.path("entries")).hasSize(1); // not the channel the user cannot view
            JsonNode entry = readState.path("entries").get(0);
            assertThat(entry.path("id").asString()).isEqualTo(Long.toString(guild.channelId()));
            assertThat(entry.path("last_message_id").asString()).isEqualTo(Long.toString(read));
            assertThat(entry.path("mention_count").asInt()).isEqualTo(2);
            assertThat(entry.path("last_pin_timestamp").asString()).startsWith("1970-01-01T00:00:00");
        }
    }

    @Test
    void messageAckReachesOnlyTheAckingUsersSessions() throws Exception {
        long owner = world.user("owner");
        long user = world.user("acker");
        long other = world.user("other");
        TestGuild guild = world.guild(owner, "g");
        world.join(guild.id(), user);
        world.join(guild.id(), other);
        try (GatewayClient mine = wsNode.connect(); GatewayClient theirs = wsNode.connect()) {
            mine.identify(world.token(user), INTENTS);
            mine.nextDispatch("GUILD_CREATE");
            theirs.identify(world.token(other), INTENTS);
            theirs.nextDispatch("GUILD_CREATE");

            long message = world.id();
            world.publish(NODE_ID, new GuildEvent("MESSAGE_ACK", guild.id(), guild.channelId(), List.of(user),
                    "{\"channel_id\":\"" + guild.channelId() + "\",\"message_id\":\"" + message + "\",\"version\":7,\"mention_count\":0}"));
            wsNode.publishMessage(guild, guild.channelId(), owner, "marker");

            JsonNode ack = mine.nextDispatch("MESSAGE_ACK").path("d");
            assertThat(ack.path("message_id").asString()).isEqualTo(Long.toString(message));
            assertThat(ack.path("version").asLong()).isEqualTo(7);
            // the other member's next dispatch is the marker: the ack never reached them
            assertThat(theirs.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("marker");
        }
    }
}
