package io.concord.api.channels;

import java.util.Optional;

/** One element of {@code PATCH /guilds/{id}/channels}; {@code clearParent} is an explicit {@code parent_id: null}. */
record PositionEdit(long id, Optional<Integer> position, boolean lockPermissions, Optional<Long> parentId, boolean clearParent) {}
