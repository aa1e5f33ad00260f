package io.concord.common.model;

import io.concord.common.json.IdString;

/** Discord's public user object. {@code bot} is omitted for people, as Discord does. */
public record User(@IdString long id, String username, String globalName, String discriminator, String avatar, Boolean bot) {
    public static User of(long id, String username, String globalName, boolean bot) {
        return new User(id, username, globalName, "0", null, bot ? Boolean.TRUE : null);
    }
}
