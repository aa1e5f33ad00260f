package io.concord.api.channels;

import io.concord.common.permission.Overwrite;
import java.util.List;

/** A validated {@code POST /guilds/{id}/channels} body. */
record NewChannel(String name, int type, Long parentId, String topic, boolean nsfw, int rateLimitPerUser, int position,
                  List<Overwrite> overwrites, int bitrate, int userLimit) {}
