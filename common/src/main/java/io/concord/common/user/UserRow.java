package io.concord.common.user;

import io.concord.common.model.User;
import java.util.Optional;

/**
 * A stored account. {@code email} and {@code passwordHash} are empty for bot users; {@code avatar}
 * is the avatar hash, or null.
 */
public record UserRow(long id, String username, String globalName, Optional<String> email, Optional<String> passwordHash, boolean bot,
                      String avatar) {

    public UserRow(long id, String username, String globalName, Optional<String> email, Optional<String> passwordHash, boolean bot) {
        this(id, username, globalName, email, passwordHash, bot, null);
    }

    public User toUser() {
        return User.of(id, username, globalName, avatar, bot);
    }
}
