package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.Guild;
import io.concord.api.Accounts.User;
import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Over REST, a bot whose application lacks the MESSAGE_CONTENT intent reads other people's guild
 * messages with empty content, except its own and those that mention it (Discord's rule).
 */
class BotMessageContentTest {
    private static final long BOT_PERMISSIONS = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_MESSAGE_HISTORY;
    private static final int MESSAGE_CONTENT_LIMITED = 1 << 19;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(145);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final Bots bots = api.bots();
    private static User owner;
    private static Guild guild;
    private static Bot bot;
    private static int defaultFlags;

    @BeforeAll
    static void guildWithBot() {
        owner = accounts.register();
        guild = accounts.createGuild(owner);
        bot = bots.create(owner, "Content Bot");
        bots.addTo(owner, bot, guild.id(), BOT_PERMISSIONS);
        defaultFlags = bot.application().path("flags").asInt();
    }

    private static void setFlags(int flags) {
        Response r = rest.patch("/applications/" + bot.applicationId(), owner.token(), Map.of("flags", flags));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    private static String post(String token, String content) {
        Response r = rest.post("/channels/" + guild.generalId() + "/messages", token, Map.of("content", content));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    private static String contentAsBotSeesIt(String messageId) {
        Response r = rest.get("/channels/" + guild.generalId() + "/messages/" + messageId, bot.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("content").asString();
    }

    private static JsonNode historyAsBotSeesIt(String messageId) {
        Response r = rest.get("/channels/" + guild.generalId() + "/messages?limit=50", bot.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        for (JsonNode m : r.json()) if (m.path("id").asString().equals(messageId)) return m;
        throw new AssertionError("message " + messageId + " not in the bot's history");
    }

    @Test
    void withoutTheIntentOthersMessagesReadEmptyButOwnAndMentionsKeepTheirContent() {
        setFlags(defaultFlags & ~MESSAGE_CONTENT_LIMITED);
        try {
            String plain = post(owner.token(), "a secret for people only");
            String mention = post(owner.token(), "hey <@" + bot.userId() + "> look");
            String own = post(bot.token(), "the bot speaks");

            assertThat(contentAsBotSeesIt(plain)).isEmpty();
            assertThat(historyAsBotSeesIt(plain).path("content").asString()).isEmpty();
            assertThat(historyAsBotSeesIt(plain).path("author").path("id").asString()).as("the rest of the message stays").isEqualTo(owner.id());
            assertThat(contentAsBotSeesIt(mention)).isEqualTo("hey <@" + bot.userId() + "> look");
            assertThat(contentAsBotSeesIt(own)).isEqualTo("the bot speaks");
            Response asOwner = rest.get("/channels/" + guild.generalId() + "/messages/" + plain, owner.token());
            assertThat(asOwner.json().path("content").asString()).as("people still read it").isEqualTo("a secret for people only");
        } finally {
            setFlags(defaultFlags);
        }
    }

    @Test
    void withTheIntentABotReadsEverything() {
        String plain = post(owner.token(), "for everyone who may read");

        assertThat(contentAsBotSeesIt(plain)).isEqualTo("for everyone who may read");
    }
}
