package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.restaction.pagination.PinnedMessagePaginationAction.PinnedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A JDA bot works with its messages the way it would on Discord; each effect is checked over plain REST too. */
class JdaMessagingTest {
    private static final int API_NODE_ID = 950;
    private static final int WS_NODE_ID = 951;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY, Permission.MESSAGE_ADD_REACTION, Permission.MESSAGE_MANAGE, Permission.PIN_MESSAGES);
    private static final Emoji THUMBS_UP = Emoji.fromUnicode("👍");
    private static ConcordBot bot;
    private static OwnerRest owner;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS,
                EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MESSAGE_REACTIONS));
        owner = new OwnerRest(bot);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    /** A channel of its own for each test, so that histories do not mix. */
    private static TextChannel freshChannel(String name) throws InterruptedException {
        return OwnerRest.awaitTextChannel(bot.jda, owner.createTextChannel(name, List.of()));
    }

    @Test
    void anEditedMessageHasTheNewContentAndAnEditTimeInJdaAndOverRest() throws Exception {
        TextChannel channel = freshChannel("edits");
        Message sent = channel.sendMessage("first draft").complete();
        assertThat(sent.isEdited()).isFalse();

        Message edited = sent.editMessage("final words").complete();

        assertThat(edited.getId()).isEqualTo(sent.getId());
        assertThat(edited.getContentRaw()).isEqualTo("final words");
        assertThat(edited.isEdited()).isTrue();
        assertThat(edited.getTimeEdited()).isNotNull().isAfterOrEqualTo(sent.getTimeCreated());
        JsonNode stored = owner.history(channel.getId(), 10).get(0);
        assertThat(stored.path("id").asString()).isEqualTo(sent.getId());
        assertThat(stored.path("content").asString()).isEqualTo("final words");
        assertThat(stored.path("edited_timestamp").isString()).as("edited_timestamp of %s", stored).isTrue();
        assertThat(channel.retrieveMessageById(sent.getId()).complete().getContentRaw()).isEqualTo("final words");
    }

    @Test
    void aUnicodeReactionIsTheBotsOwnToTheBotAndCountedForEveryoneUntilRemoved() throws Exception {
        TextChannel channel = freshChannel("reactions");
        Message sent = channel.sendMessage("react to me").complete();

        sent.addReaction(THUMBS_UP).complete();

        JsonNode asBot = owner.message(channel.getId(), sent.getId(), "Bot " + bot.botToken).path("reactions");
        assertThat(asBot).as("reactions seen by the bot").hasSize(1);
        assertThat(asBot.get(0).path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(asBot.get(0).path("emoji").path("id").isNull()).isTrue();
        assertThat(asBot.get(0).path("count").asInt()).isEqualTo(1);
        assertThat(asBot.get(0).path("me").asBoolean()).isTrue();
        JsonNode asOwner = owner.message(channel.getId(), sent.getId(), bot.ownerToken).path("reactions");
        assertThat(asOwner).as("reactions seen by the owner").hasSize(1);
        assertThat(asOwner.get(0).path("count").asInt()).isEqualTo(1);
        assertThat(asOwner.get(0).path("me").asBoolean()).isFalse();
        Message fetched = channel.retrieveMessageById(sent.getId()).complete();
        assertThat(fetched.getReaction(THUMBS_UP)).isNotNull()
                .satisfies(r -> {
                    assertThat(r.getCount()).isEqualTo(1);
                    assertThat(r.isSelf()).isTrue();
                });

        sent.removeReaction(THUMBS_UP).complete();

        JsonNode after = owner.message(channel.getId(), sent.getId(), bot.ownerToken);
        assertThat(after.path("reactions").isMissingNode() || after.path("reactions").isEmpty()).as("reactions of %s", after).isTrue();
        assertThat(channel.retrieveMessageById(sent.getId()).complete().getReactions()).isEmpty();
    }

    @Test
    void historyComesNewestFirstThroughEveryJdaHistoryApi() throws Exception {
        TextChannel channel = freshChannel("history");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 4; i++) sent.add(channel.sendMessage("message " + i).complete().getId());
        List<String> newestFirst = sent.reversed();

        List<Message> past = channel.getHistory().retrievePast(3).complete();
        assertThat(past).extracting(Message::getId).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(past).extracting(Message::getContentRaw).containsExactly("message 4", "message 3", "message 2");

        List<Message> iterated = channel.getIterableHistory().limit(2).takeAsync(4).get(30, TimeUnit.SECONDS);
        assertThat(iterated).extracting(Message::getId).containsExactlyElementsOf(newestFirst);

        List<Message> before = channel.getHistoryBefore(sent.get(2), 10).complete().getRetrievedHistory();
        assertThat(before).extracting(Message::getId).containsExactly(sent.get(1), sent.get(0));

        Message second = channel.retrieveMessageById(sent.get(1)).complete();
        assertThat(second.getContentRaw()).isEqualTo("message 2");
        assertThat(second.getAuthor().getId()).isEqualTo(bot.botUserId);
    }

    @Test
    void aReplyIsAnInlineReplyReferencingTheOriginal() throws Exception {
        TextChannel channel = freshChannel("replies");
        Message original = channel.sendMessage("question?").complete();

        Message reply = original.reply("answer!").complete();

        assertThat(reply.getType()).isEqualTo(MessageType.INLINE_REPLY);
        assertThat(reply.getMessageReference()).isNotNull();
        assertThat(reply.getMessageReference().getMessageId()).isEqualTo(original.getId());
        assertThat(reply.getReferencedMessage()).isNotNull()
                .satisfies(m -> assertThat(m.getContentRaw()).isEqualTo("question?"));
        JsonNode stored = owner.message(channel.getId(), reply.getId(), bot.ownerToken);
        assertThat(stored.path("type").asInt()).isEqualTo(19);
        assertThat(stored.path("message_reference").path("message_id").asString()).isEqualTo(original.getId());
        assertThat(stored.path("message_reference").path("channel_id").asString()).isEqualTo(channel.getId());
        assertThat(stored.path("referenced_message").path("id").asString()).isEqualTo(original.getId());
    }

    @Test
    void aPinnedMessageIsListedUntilUnpinned() throws Exception {
        TextChannel channel = freshChannel("pins");
        Message keep = channel.sendMessage("pin me").complete();
        channel.sendMessage("not me").complete();

        channel.pinMessageById(keep.getId()).complete();

        List<PinnedMessage> pinned = channel.retrievePinnedMessages().complete();
        assertThat(pinned).singleElement().satisfies(p -> {
            assertThat(p.getMessage().getId()).isEqualTo(keep.getId());
            assertThat(p.getMessage().isPinned()).isTrue();
            assertThat(p.getTimePinned()).isNotNull();
        });
        assertThat(owner.message(channel.getId(), keep.getId(), bot.ownerToken).path("pinned").asBoolean()).isTrue();

        channel.unpinMessageById(keep.getId()).complete();

        assertThat(channel.retrievePinnedMessages().complete()).isEmpty();
        assertThat(owner.message(channel.getId(), keep.getId(), bot.ownerToken).path("pinned").asBoolean()).isFalse();
    }

    @Test
    void aDeletedMessageIsGoneForJdaAndForRest() throws Exception {
        TextChannel channel = freshChannel("deletes");
        Message doomed = channel.sendMessage("short-lived").complete();
        Message survivor = channel.sendMessage("stays").complete();

        doomed.delete().complete();

        assertUnknownMessage(channel, doomed.getId());
        JsonNode history = owner.history(channel.getId(), 10);
        assertThat(history).as("history after deleting %s: %s", doomed.getId(), history).hasSize(1);
        assertThat(history.get(0).path("id").asString()).isEqualTo(survivor.getId());
    }

    @Test
    void bulkDeleteRemovesExactlyTheGivenMessages() throws Exception {
        TextChannel channel = freshChannel("bulk");
        Message kept = channel.sendMessage("keep").complete();
        List<Message> doomed = new ArrayList<>();
        for (int i = 0; i < 3; i++) doomed.add(channel.sendMessage("spam " + i).complete());

        channel.deleteMessages(doomed).complete();

        for (Message m : doomed) assertUnknownMessage(channel, m.getId());
        assertThat(channel.getHistory().retrievePast(10).complete()).extracting(Message::getId).containsExactly(kept.getId());
    }

    private static void assertUnknownMessage(TextChannel channel, String messageId) {
        RestClient.Response r = bot.rest.call("GET", "/channels/" + channel.getId() + "/messages/" + messageId, bot.ownerToken, null);
        assertThat(r.status()).as("%s", r).isEqualTo(404);
        assertThat(r.body().path("code").asInt()).isEqualTo(10008);
        assertThatThrownBy(() -> channel.retrieveMessageById(messageId).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
    }
}
