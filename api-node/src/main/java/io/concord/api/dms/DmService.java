package io.concord.api.dms;

import io.concord.api.events.EventPublisher;
import io.concord.common.dm.DmChannel;
import io.concord.common.dm.DmRepository;
import io.concord.common.dm.DmRow;
import io.concord.common.dm.PrivateChannels;
import io.concord.common.error.BadRequest;
import io.concord.common.error.MissingAccess;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.model.User;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DMs and group DMs: open, list, read, rename, recipients, close/leave. Every event is published on
 * the guild streams with guild 0 and the channel id, naming the users it is for: a channel object's
 * {@code recipients} never holds the viewer, so CHANNEL_CREATE/UPDATE/DELETE go out once per
 * recipient with that recipient's view.
 */
public final class DmService {
    /** Discord's JSON code for "Cannot send messages to this user" (also its answer to a DM to oneself). */
    public static final int CANNOT_MESSAGE_USER = 50007;
    /** Discord's JSON code for "Maximum number of recipients reached". */
    public static final int MAX_RECIPIENTS = 30004;
    /** Discord's JSON code for "Cannot execute action on a DM channel". */
    public static final int DM_CHANNEL_ACTION = 50003;
    private final DmRepository dms;
    private final UserRepository users;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final int maxRecipients;

    public DmService(DmRepository dms, UserRepository users, EventPublisher events, SnowflakeGenerator ids, int maxRecipients) {
        this.dms = dms;
        this.users = users;
        this.events = events;
        this.ids = ids;
        this.maxRecipients = maxRecipients;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    /** The DM or group DM with this id, if it is one (the {@code /channels/{id}} routes hand those here). */
    public Optional<DmRow> find(long channelId) {
        return dms.find(channelId);
    }

    /** Opens (or returns) the 1:1 DM with {@code recipient}. */
    public DmChannel open(long userId, long recipient) {
        if (recipient == userId) throw new BadRequest(CANNOT_MESSAGE_USER, "Cannot send messages to this user");
        UserRow other = users.byId(recipient).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
        // Bots cannot DM bots on Discord.
        if (other.bot() && users.byId(userId).map(UserRow::bot).orElse(false)) {
            throw new BadRequest(CANNOT_MESSAGE_USER, "Cannot send messages to this user");
        }
        DmRepository.Opened opened = dms.openDm(ids.next(), userId, recipient);
        DmRow row = opened.channel();
        Map<Long, User> profiles = profiles(row.recipientIds());
        // Created: both recipients learn of it. Reopened or already open: the opener's other sessions.
        List<Long> told = opened.created() ? row.recipientIds() : List.of(userId);
        for (long u : told) events.publish("CHANNEL_CREATE", 0, row.id(), List.of(u), row.view(u, profiles, null));
        return row.view(userId, profiles, null);
    }

    /**
     * {@code {recipients: [...]}}: with one other user the 1:1 DM (the official client opens DMs this
     * way), with more a new group DM of the caller and them (the caller is the owner).
     */
    public DmChannel createGroup(long userId, Collection<Long> recipients, String name) {
        Set<Long> all = new LinkedHashSet<>();
        all.add(userId);
        all.addAll(recipients);
        if (all.size() == 1) throw new BadRequest(CANNOT_MESSAGE_USER, "Cannot send messages to this user");
        if (all.size() == 2) return open(userId, all.stream().filter(u -> u != userId).findFirst().orElseThrow());
        if (all.size() > maxRecipients) {
            throw new BadRequest(MAX_RECIPIENTS, "Maximum number of recipients reached (" + maxRecipients + ")");
        }
        Map<Long, User> profiles = profiles(all);
        if (profiles.size() != all.size()) throw new NotFound(NotFound.Resource.USER);
        DmRow row = dms.createGroup(ids.next(), userId, List.copyOf(all), name);
        for (long u : row.recipientIds()) events.publish("CHANNEL_CREATE", 0, row.id(), List.of(u), row.view(u, profiles, null));
        return row.view(userId, profiles, null);
    }

    public List<DmChannel> list(long userId) {
        return new PrivateChannels(dms, users).of(userId);
    }

    public DmChannel get(long userId, DmRow row) {
        requireRecipient(userId, row);
        return row.view(userId, profiles(row.recipientIds()), null);
    }

    /** Renames a group DM (any recipient may, as on Discord); a 1:1 DM has nothing to edit. */
    public DmChannel edit(long userId, DmRow row, Optional<String> name, boolean clearName, boolean setIcon, String icon) {
        requireRecipient(userId, row);
        if (!row.group()) throw new BadRequest(DM_CHANNEL_ACTION, "Cannot execute action on a DM channel");
        String newName = clearName ? null : name.orElse(row.name());
        String newIcon = setIcon ? icon : row.icon();
        DmRow after = new DmRow(row.id(), row.type(), row.ownerId(), newName, newIcon, row.recipientIds());
        Map<Long, User> profiles = profiles(row.recipientIds());
        if (!after.equals(row)) {
            dms.rename(row.id(), newName, setIcon, newIcon);
            for (long u : after.recipientIds()) events.publish("CHANNEL_UPDATE", 0, row.id(), List.of(u), after.view(u, profiles, null));
        }
        return after.view(userId, profiles, null);
    }

    /** {@code DELETE /channels/{id}}: closes a 1:1 DM (history kept), leaves a group DM. */
    public DmChannel closeOrLeave(long userId, DmRow row) {
        requireRecipient(userId, row);
        Map<Long, User> profiles = profiles(row.recipientIds());
        DmChannel view = row.view(userId, profiles, null);
        if (!row.group()) {
            dms.close(row.id(), userId);
            events.publish("CHANNEL_DELETE", 0, row.id(), List.of(userId), view);
            return view;
        }
        removeRecipient(userId, row, userId);
        return view;
    }

    /**
     * A message arrived in the DM: recipients who had closed it see it listed again, and get its
     * CHANNEL_CREATE before the MESSAGE_CREATE (as Discord reopens a closed DM on a new message).
     */
    public void messageSent(long channelId) {
        List<Long> reopened = dms.reopen(channelId);
        if (reopened.isEmpty()) return;
        DmRow row = dms.find(channelId).orElse(null);
        if (row == null) return;
        Map<Long, User> profiles = profiles(row.recipientIds());
        for (long u : reopened) events.publish("CHANNEL_CREATE", 0, channelId, List.of(u), row.view(u, profiles, null));
    }

    /** {@code PUT /channels/{id}/recipients/{user}}: any recipient may add someone while there is room. */
    public void addRecipient(long userId, long channelId, long target) {
        DmRow row = dms.find(channelId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        requireRecipient(userId, row);
        if (!row.group()) throw new BadRequest(DM_CHANNEL_ACTION, "Cannot execute action on a DM channel");
        User added = profiles(List.of(target)).get(target);
        if (added == null) throw new NotFound(NotFound.Resource.USER);
        if (row.hasRecipient(target)) return;
        if (!dms.addToGroup(channelId, target, maxRecipients)) {
            throw new BadRequest(MAX_RECIPIENTS, "Maximum number of recipients reached (" + maxRecipients + ")");
        }
        DmRow after = dms.find(channelId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        Map<Long, User> profiles = profiles(after.recipientIds());
        List<Long> others = after.recipientIds().stream().filter(u -> u != target).toList();
        events.publish("CHANNEL_RECIPIENT_ADD", 0, channelId, others, new RecipientChange(channelId, added));
        events.publish("CHANNEL_CREATE", 0, channelId, List.of(target), after.view(target, profiles, null));
    }

    /** {@code DELETE /channels/{id}/recipients/{user}}: the owner removes anyone; a recipient removes (only) themselves. */
    public void removeRecipient(long userId, long channelId, long target) {
        DmRow row = dms.find(channelId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        requireRecipient(userId, row);
        if (!row.group()) throw new BadRequest(DM_CHANNEL_ACTION, "Cannot execute action on a DM channel");
        if (target != userId && row.ownerId() != userId) throw new MissingPermissions();
        if (!row.hasRecipient(target)) throw new NotFound(NotFound.Resource.USER);
        removeRecipient(userId, row, target);
    }

    private void removeRecipient(long actor, DmRow row, long target) {
        Map<Long, User> profiles = profiles(row.recipientIds());
        Optional<DmRow> after = dms.removeFromGroup(row.id(), target);
        events.publish("CHANNEL_DELETE", 0, row.id(), List.of(target), row.view(target, profiles, null));
        if (after.isEmpty()) return;
        events.publish("CHANNEL_RECIPIENT_REMOVE", 0, row.id(), after.get().recipientIds(), new RecipientChange(row.id(), profiles.get(target)));
        if (after.get().ownerId() != row.ownerId()) {
            for (long u : after.get().recipientIds()) {
                events.publish("CHANNEL_UPDATE", 0, row.id(), List.of(u), after.get().view(u, profiles, null));
            }
        }
    }

    /** {@code CHANNEL_RECIPIENT_ADD/REMOVE {channel_id, user}}. */
    public record RecipientChange(@io.concord.common.json.IdString long channelId, User user) {}

    private static void requireRecipient(long userId, DmRow row) {
        if (!row.hasRecipient(userId)) throw new MissingAccess();
    }

    private Map<Long, User> profiles(Collection<Long> ids) {
        Map<Long, User> out = new java.util.HashMap<>();
        for (Map.Entry<Long, UserRow> e : users.byIds(new ArrayList<>(ids)).entrySet()) out.put(e.getKey(), e.getValue().toUser());
        return out;
    }
}
