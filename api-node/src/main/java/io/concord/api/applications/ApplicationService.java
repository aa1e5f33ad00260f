package io.concord.api.applications;

import io.concord.common.application.ApplicationFlags;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.application.ApplicationRow;
import io.concord.common.auth.BotTokens;
import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.error.BotsForbidden;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.NotFound;
import io.concord.common.error.Unauthorized;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.security.SecureRandom;
import java.util.HexFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applications and their bots: create (the caller owns it; the application id is the bot user's id,
 * as Discord does for new applications), read, toggle the privileged-intent flags, reset the token.
 */
public final class ApplicationService {
    private final ApplicationRepository applications;
    private final UserRepository users;
    private final TokenAuthenticator authenticator;
    private final SnowflakeGenerator ids;
    private final SecureRandom random = new SecureRandom();

    public ApplicationService(ApplicationRepository applications, UserRepository users, TokenAuthenticator authenticator, SnowflakeGenerator ids) {
        this.applications = applications;
        this.users = users;
        this.authenticator = authenticator;
        this.ids = ids;
    }

    public ObjectNode create(Principal caller, String name) {
        if (caller.bot()) throw new BotsForbidden();
        byte[] key = new byte[32];
        random.nextBytes(key);
        ApplicationRow app = new ApplicationRow(ids.next(), caller.userId(), name, "", ApplicationFlags.DEFAULT,
                HexFormat.of().formatHex(key), true, false);
        applications.create(app, BotUsernames.unique(name, applications::usernameTaken));
        return view(app);
    }

    /** The owner's application (or the bot's own); anyone else learns nothing: 404 10002. */
    public ApplicationRow visible(Principal caller, long applicationId) {
        return applications.find(applicationId)
                .filter(a -> a.ownerId() == caller.userId() || (caller.bot() && a.botUserId() == caller.userId()))
                .orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
    }

    /** The calling bot's own application; user tokens are refused as Discord refuses them. */
    public ApplicationRow own(Principal caller) {
        if (!caller.bot()) throw new Unauthorized();
        return applications.find(caller.userId()).orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
    }

    /** Only the three "limited" privileged-intent flags may change; any other difference is a 50035 on {@code flags}. */
    public ObjectNode updateFlags(ApplicationRow app, int flags) {
        if (((flags ^ app.flags()) & ~ApplicationFlags.EDITABLE) != 0) {
            throw InvalidForm.of("flags", "APPLICATION_FLAGS_INVALID", "Only the GATEWAY_*_LIMITED flags may be changed.");
        }
        applications.updateFlags(app.id(), flags);
        return view(new ApplicationRow(app.id(), app.ownerId(), app.name(), app.description(), flags, app.verifyKey(),
                app.botPublic(), app.botRequireCodeGrant()));
    }

    /** A new token for the owner's bot; the previous one stops working on every node at once. */
    public String resetToken(Principal caller, long applicationId) {
        if (caller.bot()) throw new BotsForbidden();
        ApplicationRow app = applications.find(applicationId).filter(a -> a.ownerId() == caller.userId())
                .orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
        String token = BotTokens.generate(app.botUserId(), random);
        applications.replaceTokenHash(app.id(), BotTokens.hash(token)).ifPresent(authenticator::revokeBotToken);
        return token;
    }

    public ObjectNode view(ApplicationRow app) {
        UserRow owner = users.byId(app.ownerId()).orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
        UserRow bot = users.byId(app.botUserId()).orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
        return ApplicationView.of(app, owner, bot);
    }
}
