package io.concord.api.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane), stored as a PHC string. */
final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    // Checked against when the login names no account, so that a miss costs as much as a wrong password.
    private static final String DUMMY = hash("not-a-real-password");

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    static boolean matches(String password, String stored) {
        return Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
    }

    static void spendEquivalentTime(String password) {
        matches(password, DUMMY);
    }

    private PasswordHasher() {}
}
