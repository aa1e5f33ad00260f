package io.concord.common.model;

import io.concord.common.json.IdString;

/** Discord's public user object. {@code bot} is omitted for people, as Discord does. */
public record User(@IdString long id, String username, String globalName, String discriminator, String avatar, Boolean bot,
                   int publicFlags) {

    public User(long id, String username, String globalName, String discriminator, String avatar, Boolean bot) {
        this(id, username, globalName, discriminator, avatar, bot, 0);
    }

    public static User of(long id, String username, String globalName, boolean bot) {
        return of(id, username, globalName, null, bot);
    }

    public static User of(long id, String username, String globalName, String avatar, boolean bot) {
        return new User(id, username, globalName, "0", avatar, bot ? Boolean.TRUE : null, 0);
    }
}
