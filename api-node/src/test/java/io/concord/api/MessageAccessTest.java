package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may read and write a channel's messages, and where messages can go at all. */
class MessageAccessTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(109);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private Accounts.User owner;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        owner = accounts.register();
        guild = accounts.createGuild(owner);
    }

    @Test
    void aNonMemberReadingIsMissingAccess() {
        accounts.send(owner, guild.generalId(), "secret");

        assertError(rest.get("/channels/" + guild.generalId() + "/messages", accounts.register().token()), 403, 50001, "Missing Access");
    }

    @Test
    void aNonMemberWritingIsMissingAccess() {
        assertError(accounts.send(accounts.register(), guild.generalId(), "let me in"), 403, 50001, "Missing Access");
        assertThat(rest.get("/channels/" + guild.generalId() + "/messages", owner.token()).json().size()).isZero();
    }

    @Test
    void anUnknownChannelIsUnknownChannel() {
        assertError(accounts.send(owner, "4242", "anyone?"), 404, 10003, "Unknown Channel");
        assertError(rest.get("/channels/4242/messages", owner.token()), 404, 10003, "Unknown Channel");
    }

    @Test
    void sendingWhereEveryoneIsDeniedSendMessagesIsMissingPermissionsAndStoresNothing() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);
        String readOnly = accounts.channelDenyingEveryone(owner, guild, Permission.SEND_MESSAGES);

        assertError(accounts.send(member, readOnly, "may I?"), 403, 50013, "Missing Permissions");

        assertThat(rest.get("/channels/" + readOnly + "/messages", member.token()).status()).isEqualTo(200);
        assertThat(rest.get("/channels/" + readOnly + "/messages", owner.token()).json().size()).isZero();
        assertThat(accounts.send(owner, readOnly, "the owner may").status()).isEqualTo(200);
    }

    @Test
    void sendingToAHiddenChannelIsMissingAccess() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);

        assertError(accounts.send(member, hidden, "peek"), 403, 50001, "Missing Access");
        assertError(rest.get("/channels/" + hidden + "/messages", member.token()), 403, 50001, "Missing Access");
    }

    @Test
    void sendingToACategoryIsANonTextChannel() {
        assertError(accounts.send(owner, guild.categoryId(), "in a category"), 400, 50008, "Cannot send messages in a non-text channel");
    }

    @Test
    void aMemberWithoutReadMessageHistorySeesAnEmptyPage() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);
        String noHistory = accounts.channelDenyingEveryone(owner, guild, Permission.READ_MESSAGE_HISTORY);
        accounts.send(owner, noHistory, "before you came");

        var r = rest.get("/channels/" + noHistory + "/messages", member.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isZero();
        assertThat(rest.get("/channels/" + noHistory + "/messages", owner.token()).json().size()).isEqualTo(1);
    }
}
