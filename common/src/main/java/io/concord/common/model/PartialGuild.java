package io.concord.common.model;

import io.concord.common.json.IdString;
import java.util.List;

/** An entry of {@code GET /users/@me/guilds}. */
public record PartialGuild(@IdString long id, String name, String icon, boolean owner, @IdString long permissions, List<String> features) {}
