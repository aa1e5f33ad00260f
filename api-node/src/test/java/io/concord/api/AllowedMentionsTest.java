package io.concord.api;

import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AllowedMentionsTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(133);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private Accounts.User owner;
    private Accounts.User alice;
    private Accounts.User bob;
    private Accounts.User stranger;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        owner = accounts.register();
        alice = accounts.register();
        bob = accounts.register();
        stranger = accounts.register();
        guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), alice);
        accounts.join(owner, guild.generalId(), bob);
    }

    private Response send(Accounts.User author, String channel, String content, Object allowed) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("content", content);
        if (allowed != null) body.put("allowed_mentions", allowed);
        return rest.post("/channels/" + channel + "/messages", author.token(), body);
    }

    private String both() {
        return "<@" + alice.id() + "> <@!" + bob.id() + "> <@" + stranger.id() + "> @everyone";
    }

    private static List<String> mentionIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("mentions").forEach(u -> ids.add(u.path("id").asString()));
        return ids;
    }

    @Test
    void withoutAllowedMentionsEveryMemberMentionAndEveryoneCount() {
        Response r = send(alice, guild.generalId(), both(), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(mentionIds(r.json())).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(r.json().path("mention_everyone").asBoolean()).isTrue();
    }

    @Test
    void roleMentionsNeedAMentionableRoleOrMentionEveryone() {
        RoleFixtures roles = api.roles();
        roles.everyone(owner, guild, Permission.DEFAULT_EVERYONE & ~Permission.MENTION_EVERYONE);
        String quiet = roles.role(owner, guild, "quiet", 0);
        String loud = roles.role(owner, guild, "loud", 0);
        Response patched = rest.patch("/guilds/" + guild.id() + "/roles/" + loud, owner.token(), Map.of("mentionable", true));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        String content = "<@&" + quiet + "> <@&" + loud + ">";

        Response byMember = send(alice, guild.generalId(), content, null);
        Response byOwner = send(owner, guild.generalId(), content, null);
        Response restricted = send(owner, guild.generalId(), content, Map.of("roles", List.of(quiet)));

        assertThat(byMember.json().path("mention_roles").valueStream().map(JsonNode::asString)).containsExactly(loud);
        assertThat(byOwner.json().path("mention_roles").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(quiet, loud);
        assertThat(restricted.json().path("mention_roles").valueStream().map(JsonNode::asString)).containsExactly(quiet);
    }

    @Test
    void anEmptyParseMentionsNobody() {
        Response r = send(alice, guild.generalId(), both(), Map.of("parse", List.of()));

        assertThat(mentionIds(r.json())).isEmpty();
        assertThat(r.json().path("mention_everyone").asBoolean()).isFalse();
    }

    @Test
    void anExplicitUserListMentionsOnlyThoseUsers() {
        Response r = send(alice, guild.generalId(), both(), Map.of("users", List.of(bob.id())));

        assertThat(mentionIds(r.json())).containsExactly(bob.id());
        assertThat(r.json().path("mention_everyone").asBoolean()).isFalse();
    }

    @Test
    void parseEveryoneWithoutMentionEveryoneDoesNotMentionEveryone() {
        String channel = accounts.channelDenyingEveryone(owner, guild, Permission.MENTION_EVERYONE);

        Response r = send(alice, channel, "@here hi", Map.of("parse", List.of("everyone")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mention_everyone").asBoolean()).isFalse();
        assertThat(send(owner, channel, "@here hi", Map.of("parse", List.of("everyone"))).json().path("mention_everyone").asBoolean()).isTrue();
    }

    @Test
    void parseUsersTogetherWithAUserListIsAFormError() {
        Response r = send(alice, guild.generalId(), both(), Map.of("parse", List.of("users"), "users", List.of(bob.id())));

        assertInvalidForm(r, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "allowed_mentions");
        assertThat(rest.get("/channels/" + guild.generalId() + "/messages", owner.token()).json().size()).isZero();
    }

    @Test
    void badAllowedMentionsFieldsAreFormErrorsAtTheirPath() {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 101; i++) many.add(Integer.toString(i));

        assertInvalidForm(send(alice, guild.generalId(), "x", Map.of("parse", List.of("nobody"))), "ENUM_TYPE_COERCE", "allowed_mentions.parse.0");
        assertInvalidForm(send(alice, guild.generalId(), "x", Map.of("users", many)), "BASE_TYPE_MAX_LENGTH", "allowed_mentions.users");
        assertInvalidForm(send(alice, guild.generalId(), "x", Map.of("roles", List.of("r"))), "NUMBER_TYPE_COERCE", "allowed_mentions.roles.0");
        assertInvalidForm(send(alice, guild.generalId(), "x", Map.of("replied_user", "yes")), "BOOLEAN_TYPE_CONVERT", "allowed_mentions.replied_user");
        assertInvalidForm(send(alice, guild.generalId(), "x", "all"), "DICT_TYPE_CONVERT", "allowed_mentions");
    }

    @Test
    void anEditReevaluatesMentions() {
        String id = send(alice, guild.generalId(), "<@" + bob.id() + ">", null).json().path("id").asString();

        Response r = rest.patch("/channels/" + guild.generalId() + "/messages/" + id, alice.token(),
                Map.of("content", "<@" + owner.id() + "> @everyone", "allowed_mentions", Map.of("parse", List.of("users"))));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(mentionIds(r.json())).containsExactly(owner.id());
        assertThat(r.json().path("mention_everyone").asBoolean()).isFalse();
    }
}
