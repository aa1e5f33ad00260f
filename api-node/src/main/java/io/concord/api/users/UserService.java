package io.concord.api.users;

import io.concord.api.events.EventPublisher;
import io.concord.api.members.MemberService;
import io.concord.api.members.MemberViews;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.NotFound;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRepository.ProfileEdit;
import io.concord.common.user.UserRow;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Public profiles and the caller's own profile edits. */
public final class UserService {
    private final UserRepository users;
    private final MemberService members;
    private final EventPublisher events;

    public UserService(UserRepository users, MemberService members, EventPublisher events) {
        this.users = users;
        this.members = members;
        this.events = events;
    }

    /** Any user, as any authenticated caller may see them: the public object, never the email. */
    public ObjectNode publicUser(long userId) {
        return users.byId(userId).map(r -> MemberViews.user(r.toUser())).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
    }

    /**
     * Applies the edit; tells the user's own sessions (USER_UPDATE, guild 0, addressed by user id) and,
     * when something members show changed, each of their guilds (GUILD_MEMBER_UPDATE).
     */
    public ObjectNode updateMe(long userId, ProfileEdit edit) {
        UserRow before = users.byId(userId).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
        if (edit.username().isPresent() && !edit.username().get().equalsIgnoreCase(before.username())
                && users.usernameTaken(edit.username().get(), userId)) {
            throw InvalidForm.of("username", "USERNAME_ALREADY_TAKEN",
                    "Username is unavailable. Try adding numbers, letters, underscores _ , or periods.");
        }
        UserRow after = edit.isEmpty() ? before : users.update(userId, edit).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
        if (!after.equals(before)) {
            events.publish("USER_UPDATE", 0, 0, List.of(userId), UserRoutes.self(after));
            if (!Objects.equals(after.toUser(), before.toUser())) members.announceProfile(userId);
        }
        return UserRoutes.self(after);
    }
}
