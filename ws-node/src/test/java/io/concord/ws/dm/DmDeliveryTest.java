package io.concord.ws.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.dm.DmRepository;
import io.concord.common.event.GuildEvent;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.session.Intents;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * DM events (guild 0, the DM's channel id, its recipients named as user ids) reach every session of
 * every recipient that has the DIRECT_MESSAGE* intent, and nobody else; READY lists the user's DMs in
 * {@code private_channels}. Negatives are proved by a marker (a USER_UPDATE named to the user)
 * published after the event: it must be the next frame.
 */
class DmDeliveryTest {
    private static final int NODE_ID = 851;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final Postgres postgres = Postgres.connect(TestStack.stores());
    private static final DmRepository dms = new DmRepository(postgres.jdbi());
    private static final long DMS = Intents.DIRECT_MESSAGES | Intents.DIRECT_MESSAGE_REACTIONS | Intents.DIRECT_MESSAGE_TYPING;

    @AfterAll
    static void close() {
        postgres.close();
    }

    @Test
    void aDmMessageReachesEverySessionOfBothRecipientsAndNoOneElse() throws Exception {
        long a = world.user("dm_a");
        long b = world.user("dm_b");
        long outsider = world.user("dm_outsider");
        long dm = dms.openDm(world.id(), a, b).channel().id();
        try (GatewayClient aUser = wsNode.load(a, null, 0);
             GatewayClient bBot = wsNode.load(b, DMS, 0);
             GatewayClient bUser = wsNode.load(b, null, 0);
             GatewayClient other = wsNode.load(outsider, null, 0)) {
            world.publish(NODE_ID, new GuildEvent("MESSAGE_CREATE", 0, dm, List.of(a, b), dmMessage(world.id(), dm, a, "psst")));
            marker(a, b, outsider);

            for (GatewayClient c : List.of(aUser, bBot, bUser)) {
                JsonNode m = c.nextDispatch("MESSAGE_CREATE").path("d");
                assertThat(m.path("channel_id").asString()).isEqualTo(Long.toString(dm));
                assertThat(m.path("content").asString()).as("DM content needs no MESSAGE_CONTENT intent").isEqualTo("psst");
                c.nextDispatch("USER_UPDATE");
            }
            assertThat(other.nextDispatch("USER_UPDATE").path("d").path("id").asString())
                    .as("the outsider's next frame is its marker, not the DM").isEqualTo(Long.toString(outsider));
        }
    }

    @Test
    void dmEventsNeedTheDirectMessageIntentsNotTheGuildOnes() throws Exception {
        long a = world.user("dm_a2");
        long b = world.user("dm_b2");
        long dm = dms.openDm(world.id(), a, b).channel().id();
        long guildIntents = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.GUILD_MESSAGE_REACTIONS | Intents.GUILD_MESSAGE_TYPING
                | Intents.MESSAGE_CONTENT;
        try (GatewayClient guildOnly = wsNode.load(b, guildIntents, 0);
             GatewayClient messagesOnly = wsNode.load(b, Intents.DIRECT_MESSAGES, 0);
             GatewayClient all = wsNode.load(b, DMS, 0)) {
            long m = world.id();
            world.publish(NODE_ID, new GuildEvent("MESSAGE_CREATE", 0, dm, List.of(a, b), dmMessage(m, dm, a, "one")));
            world.publish(NODE_ID, new GuildEvent("MESSAGE_REACTION_ADD", 0, dm, List.of(a, b),
                    "{\"user_id\":\"%d\",\"channel_id\":\"%d\",\"message_id\":\"%d\",\"emoji\":{\"id\":null,\"name\":\"x\"}}".formatted(a, dm, m)));
            world.publish(NODE_ID, new GuildEvent("TYPING_START", 0, dm, List.of(a, b),
                    "{\"user_id\":\"%d\",\"channel_id\":\"%d\",\"timestamp\":1}".formatted(a, dm)));
            marker(b);

            assertThat(guildOnly.nextDispatch("USER_UPDATE")).as("guild intents do not carry DM events").isNotNull();
            messagesOnly.nextDispatch("MESSAGE_CREATE");
            messagesOnly.nextDispatch("USER_UPDATE");
            all.nextDispatch("MESSAGE_CREATE");
            all.nextDispatch("MESSAGE_REACTION_ADD");
            all.nextDispatch("TYPING_START");
            all.nextDispatch("USER_UPDATE");
        }
    }

    @Test
    void dmChannelChangesReachTheNamedRecipientWhateverItsIntents() throws Exception {
        long a = world.user("dm_a3");
        long b = world.user("dm_b3");
        long c = world.user("dm_c3");
        long group = dms.createGroup(world.id(), a, List.of(a, b), null).id();
        try (GatewayClient bNoIntents = wsNode.load(b, 0, 0);
             GatewayClient cUser = wsNode.load(c, null, 0)) {
            String user = "{\"id\":\"%d\",\"username\":\"dm_c3\",\"discriminator\":\"0\"}".formatted(c);
            world.publish(NODE_ID, new GuildEvent("CHANNEL_RECIPIENT_ADD", 0, group, List.of(a, b),
                    "{\"channel_id\":\"%d\",\"user\":%s}".formatted(group, user)));
            world.publish(NODE_ID, new GuildEvent("CHANNEL_CREATE", 0, group, List.of(c),
                    "{\"id\":\"%d\",\"type\":3,\"owner_id\":\"%d\",\"recipients\":[]}".formatted(group, a)));
            marker(b, c);

            assertThat(bNoIntents.nextDispatch("CHANNEL_RECIPIENT_ADD").path("d").path("user").path("id").asString()).isEqualTo(Long.toString(c));
            bNoIntents.nextDispatch("USER_UPDATE");
            assertThat(cUser.nextDispatch("CHANNEL_CREATE").path("d").path("type").asInt()).isEqualTo(3);
            cUser.nextDispatch("USER_UPDATE");
        }
    }

    @Test
    void readyListsTheUsersDmsAndGroupDmsWithTheirOtherRecipients() throws Exception {
        long a = world.user("dm_a4");
        long b = world.user("dm_b4");
        long c = world.user("dm_c4");
        long dm = dms.openDm(world.id(), a, b).channel().id();
        long group = dms.createGroup(world.id(), c, List.of(c, a, b), "crew").id();
        try (GatewayClient client = wsNode.connect()) {
            JsonNode ready = client.identify(world.token(a), DMS).path("d");

            JsonNode channels = ready.path("private_channels");
            assertThat(channels).hasSize(2);
            List<String> ids = new ArrayList<>();
            for (JsonNode ch : channels) {
                ids.add(ch.path("id").asString());
                List<String> recipients = new ArrayList<>();
                ch.path("recipients").forEach(r -> recipients.add(r.path("id").asString()));
                assertThat(recipients).doesNotContain(Long.toString(a));
                if (ch.path("type").asInt() == 1) {
                    assertThat(recipients).containsExactly(Long.toString(b));
                } else {
                    assertThat(ch.path("type").asInt()).isEqualTo(3);
                    assertThat(ch.path("owner_id").asString()).isEqualTo(Long.toString(c));
                    assertThat(ch.path("name").asString()).isEqualTo("crew");
                    assertThat(recipients).containsExactlyInAnyOrder(Long.toString(b), Long.toString(c));
                }
            }
            assertThat(ids).containsExactlyInAnyOrder(Long.toString(dm), Long.toString(group));
        }
    }

    /** A USER_UPDATE to each user, published after what is being tested. */
    private static void marker(long... users) {
        for (long u : users) {
            world.publish(NODE_ID, new GuildEvent("USER_UPDATE", 0, 0, List.of(u),
                    "{\"id\":\"%d\",\"username\":\"marker\",\"discriminator\":\"0\"}".formatted(u)));
        }
    }

    /** A DM MESSAGE_CREATE as the api-node encodes it: no guild_id. */
    private static String dmMessage(long id, long channelId, long authorId, String content) {
        return """
                {"id":"%d","type":0,"channel_id":"%d","author":{"id":"%d","username":"author","discriminator":"0"},\
                "content":"%s","timestamp":"2026-01-01T00:00:00.000000+00:00","tts":false,"mention_everyone":false,\
                "mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false}"""
                .formatted(id, channelId, authorId, content);
    }
}
