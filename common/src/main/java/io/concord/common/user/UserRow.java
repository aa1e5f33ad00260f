package io.concord.common.user;

import io.concord.common.model.User;
import java.util.Optional;

/** A stored account. {@code email} and {@code passwordHash} are empty for bot users. */
public record UserRow(long id, String username, String globalName, Optional<String> email, Optional<String> passwordHash, boolean bot) {
    public User toUser() {
        return User.of(id, username, globalName, bot);
    }
}
