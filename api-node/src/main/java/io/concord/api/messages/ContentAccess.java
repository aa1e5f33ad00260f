package io.concord.api.messages;

import io.concord.common.application.ApplicationFlags;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.user.UserRow;

/**
 * Whether a reader sees other users' message content over REST. People always do; a bot only when
 * its application has the MESSAGE_CONTENT intent enabled (the full or the {@code _LIMITED} flag),
 * as on Discord. Without it a bot still sees its own messages, messages mentioning it and DMs.
 */
public final class ContentAccess {
    private final ApplicationRepository applications;

    public ContentAccess(ApplicationRepository applications) {
        this.applications = applications;
    }

    public boolean readsContent(UserRow reader) {
        if (!reader.bot()) return true;
        return applications.find(reader.id())
                .map(app -> ApplicationFlags.disallowedIntents(app.flags(), ApplicationFlags.INTENT_MESSAGE_CONTENT) == 0)
                .orElse(false);
    }
}
