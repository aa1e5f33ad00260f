package io.concord.seed;

import java.util.List;
import java.util.Optional;

/** What one seeding run created: ids and tokens the feeder files are written from. */
record SeedData(List<User> users, List<Guild> smallGuilds, Optional<Guild> largeGuild, List<Bot> bots, List<History> history) {

    /** A person and the access token the scenarios use; {@code guild} indexes {@link #smallGuilds}. */
    record User(long id, String username, String token, int guild) {}

    /** A guild with one text channel; its members are {@code memberCount} users from {@code firstUser} on. */
    record Guild(long id, long channelId, String name, int firstUser, int memberCount) {
        long ownerId(List<User> users) {
            return users.get(firstUser).id();
        }
    }

    /** A bot user (id = application id), its token (without the {@code Bot } prefix) and the guilds it is in. */
    record Bot(long id, String username, String token, List<Long> guildIds) {}

    /** A channel with stored messages: the guild it belongs to and its newest and oldest message ids. */
    record History(int guild, long newestMessageId, long oldestMessageId, int messages) {}
}
