package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.session.Intents;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** MESSAGE_CONTENT: blanked for bots without it, except their own messages, mentions of them and DMs. */
class MessageContentIntentTest {
    private static final int NODE_ID = 712;
    private static final long BOT_INTENTS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.DIRECT_MESSAGES;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private TestGuild guild;
    private long owner;
    private long blind;
    private GatewayClient ownerClient;
    private GatewayClient blindBot;
    private GatewayClient readingBot;

    @BeforeEach
    void connect() throws Exception {
        owner = world.user("content-owner");
        blind = world.user("blind-bot", true);
        long reading = world.user("reading-bot", true);
        guild = world.guild(owner, "Content");
        world.join(guild.id(), blind);
        world.join(guild.id(), reading);
        ownerClient = wsNode.load(owner, null, 1);
        blindBot = wsNode.load(blind, BOT_INTENTS, 1);
        readingBot = wsNode.load(reading, BOT_INTENTS | Intents.MESSAGE_CONTENT, 1);
    }

    @AfterEach
    void disconnect() {
        ownerClient.close();
        blindBot.close();
        readingBot.close();
    }

    /** A message with every field MESSAGE_CONTENT covers filled in. */
    private String richMessage(long authorId, String mentionsJson, boolean inGuild) {
        String guildField = inGuild ? "\"guild_id\":\"%d\",".formatted(guild.id()) : "";
        return ("""
                {"id":"%d","type":0,"channel_id":"%d",%s"author":{"id":"%d","username":"a","discriminator":"0"},\
                "content":"the secret","timestamp":"2026-01-01T00:00:00.000000+00:00","tts":false,"mention_everyone":false,\
                "mentions":%s,"mention_roles":[],"attachments":[{"id":"1","filename":"a.png"}],\
                "embeds":[{"title":"t"}],"components":[{"type":1,"components":[]}],\
                "poll":{"question":{"text":"q"}},"pinned":false}""")
                .formatted(world.id(), guild.channelId(), guildField, authorId, mentionsJson);
    }

    private void publish(String type, String payload) {
        world.publish(NODE_ID, new GuildEvent(type, guild.id(), guild.channelId(), List.of(), payload));
    }

    private static void assertFull(JsonNode frame) {
        JsonNode d = frame.path("d");
        assertThat(d.path("content").asString()).isEqualTo("the secret");
        assertThat(d.path("embeds")).hasSize(1);
        assertThat(d.path("attachments")).hasSize(1);
        assertThat(d.path("components")).hasSize(1);
        assertThat(d.has("poll")).isTrue();
    }

    private static void assertBlanked(JsonNode frame) {
        JsonNode d = frame.path("d");
        assertThat(d.path("content").isString()).isTrue();
        assertThat(d.path("content").asString()).isEmpty();
        assertThat(d.path("embeds").isArray()).isTrue();
        assertThat(d.path("embeds")).isEmpty();
        assertThat(d.path("attachments").isArray()).isTrue();
        assertThat(d.path("attachments")).isEmpty();
        assertThat(d.path("components").isArray()).isTrue();
        assertThat(d.path("components")).isEmpty();
        assertThat(d.has("poll")).isFalse();
        assertThat(d.path("id").asString()).isNotEmpty();
        assertThat(d.path("author").path("id").asString()).isNotEmpty();
    }

    @Test
    void aBotWithoutMessageContentGetsCreatesAndUpdatesBlankedWhileOthersGetThemWhole() throws Exception {
        for (String type : List.of("MESSAGE_CREATE", "MESSAGE_UPDATE")) {
            publish(type, richMessage(owner, "[]", true));

            assertBlanked(blindBot.nextDispatch(type));
            assertFull(readingBot.nextDispatch(type));
            assertFull(ownerClient.nextDispatch(type));
        }
    }

    @Test
    void aBotSeesTheContentOfItsOwnMessages() throws Exception {
        publish("MESSAGE_CREATE", richMessage(blind, "[]", true));

        assertFull(blindBot.nextDispatch("MESSAGE_CREATE"));
    }

    @Test
    void aBotSeesTheContentOfMessagesMentioningIt() throws Exception {
        publish("MESSAGE_CREATE", richMessage(owner, "[{\"id\":\"%d\",\"username\":\"blind-bot\",\"discriminator\":\"0\"}]".formatted(blind), true));
        publish("MESSAGE_CREATE", richMessage(owner, "[{\"id\":\"%d\",\"username\":\"someone\",\"discriminator\":\"0\"}]".formatted(owner), true));

        assertFull(blindBot.nextDispatch("MESSAGE_CREATE"));
        assertBlanked(blindBot.nextDispatch("MESSAGE_CREATE"));
    }

    @Test
    void aBotSeesTheContentOfDirectMessages() throws Exception {
        long dmChannel = world.id();
        String dm = richMessage(owner, "[]", false).replace(Long.toString(guild.channelId()), Long.toString(dmChannel));
        world.publish(NODE_ID, new GuildEvent("MESSAGE_CREATE", 0, dmChannel, List.of(blind), dm));

        JsonNode frame = blindBot.nextDispatch("MESSAGE_CREATE");
        assertFull(frame);
        assertThat(frame.path("d").has("guild_id")).isFalse();
    }

    @Test
    void otherMessageEventsAreNotTouched() throws Exception {
        world.publish(NODE_ID, AccessEdits.channelEvent("MESSAGE_DELETE", guild.id(), guild.channelId(),
                "{\"id\":\"1\",\"channel_id\":\"%d\",\"guild_id\":\"%d\"}".formatted(guild.channelId(), guild.id())));

        assertThat(blindBot.nextDispatch("MESSAGE_DELETE").path("d").path("id").asString()).isEqualTo("1");
    }
}
