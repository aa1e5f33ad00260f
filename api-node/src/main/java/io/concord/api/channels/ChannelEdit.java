package io.concord.api.channels;

import io.concord.common.permission.Overwrite;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code PATCH /channels/{id}} body: empty means "leave as is"; {@code clearTopic} and
 * {@code clearParent} are an explicit {@code null}.
 */
record ChannelEdit(Optional<String> name, Optional<Integer> type, Optional<Integer> position, Optional<String> topic,
                   boolean clearTopic, Optional<Boolean> nsfw, Optional<Integer> rateLimitPerUser, Optional<Long> parentId,
                   boolean clearParent, Optional<Integer> bitrate, Optional<Integer> userLimit, Optional<List<Overwrite>> overwrites) {}
