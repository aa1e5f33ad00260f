package io.concord.api.oauth2;

import java.util.Set;

/** A parsed {@code POST /oauth2/authorize}: which application, the scopes, and what the user chose. */
record BotAuthorization(long clientId, Set<String> scopes, boolean authorize, long guildId, long permissions) {}
