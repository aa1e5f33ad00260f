package io.concord.api.auth;

import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.error.FieldErrors;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.Unauthorized;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and device sessions: register, login, refresh-token rotation (a reused refresh token
 * revokes its whole device session, since only a thief would present a superseded one) and logout.
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private final UserRepository users;
    private final DeviceSessionRepository sessions;
    private final AccessTokens tokens;
    private final TokenAuthenticator authenticator;
    private final SnowflakeGenerator ids;
    private final SecureRandom random = new SecureRandom();

    public record Tokens(String token, String refreshToken, long userId) {}

    public AuthService(org.jdbi.v3.core.Jdbi jdbi, UserRepository users, AccessTokens tokens, TokenAuthenticator authenticator, SnowflakeGenerator ids) {
        this.users = users;
        this.sessions = new DeviceSessionRepository(jdbi);
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.ids = ids;
    }

    public Tokens register(String email, String username, String password) {
        UserRow user = new UserRow(ids.next(), username, null, Optional.of(email), Optional.of(PasswordHasher.hash(password)), false);
        if (!users.insert(user)) {
            throw InvalidForm.of("email", "EMAIL_ALREADY_REGISTERED", "Email is already registered.");
        }
        log.info("registered user {}", user.id());
        return openSession(user.id());
    }

    public Tokens login(String login, String password) {
        Optional<UserRow> user = users.byEmail(login);
        if (user.isEmpty() || user.get().passwordHash().isEmpty()) {
            PasswordHasher.spendEquivalentTime(password);
            throw invalidLogin();
        }
        if (!PasswordHasher.matches(password, user.get().passwordHash().get())) throw invalidLogin();
        return openSession(user.get().id());
    }

    public Tokens refresh(String refreshToken) {
        String hash = sha256(refreshToken);
        DeviceSessionRepository.TokenState state = sessions.find(hash).orElseThrow(Unauthorized::new);
        if (state.revoked()) throw new Unauthorized();
        if (state.superseded()) {
            log.warn("refresh token reused for device session {}: revoking it", state.sessionId());
            revoke(state.sessionId());
            throw new Unauthorized();
        }
        String next = newRefreshToken();
        if (!sessions.rotate(hash, sha256(next), state.sessionId())) {
            // Two refreshes raced with the same token: one of them is a replay.
            revoke(state.sessionId());
            throw new Unauthorized();
        }
        return new Tokens(tokens.issue(new Principal(state.userId(), state.sessionId())), next, state.userId());
    }

    public void logout(Principal principal) {
        revoke(principal.sessionId());
    }

    private void revoke(long sessionId) {
        sessions.revoke(sessionId);
        authenticator.revokeSession(sessionId);
    }

    private Tokens openSession(long userId) {
        long sessionId = ids.next();
        String refresh = newRefreshToken();
        sessions.create(sessionId, userId, sha256(refresh));
        return new Tokens(tokens.issue(new Principal(userId, sessionId)), refresh, userId);
    }

    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static InvalidForm invalidLogin() {
        FieldErrors errors = new FieldErrors()
                .add("login", "INVALID_LOGIN", "Login or password is invalid.")
                .add("password", "INVALID_LOGIN", "Login or password is invalid.");
        return new InvalidForm(errors);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
