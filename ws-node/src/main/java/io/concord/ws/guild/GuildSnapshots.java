package io.concord.ws.guild;

import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.Json;
import io.concord.common.model.Guild;
import io.concord.common.model.Member;
import java.util.List;
import java.util.Optional;

/** Reads a guild as one member sees it at connect time and encodes its GUILD_CREATE. */
public final class GuildSnapshots {
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;

    public GuildSnapshots(GuildRepository guilds, ChannelRepository channels, MemberRepository members) {
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
    }

    /**
     * The encoded GUILD_CREATE for {@code userId}; empty when the guild is gone or the user is no
     * longer a member. Small guilds carry every member; past {@code largeThreshold} only the caller
     * (JDA needs its own member), the rest comes through op 8 later.
     */
    public Optional<String> guildCreate(long guildId, long userId, int largeThreshold) {
        return guilds.find(guildId).flatMap(row -> members.find(guildId, userId).map(self -> encode(row, self, largeThreshold)));
    }

    /** Same as {@link #guildCreate} for a guild row already read (READY reads them in one query). */
    public Optional<String> guildCreate(GuildRow row, long userId, int largeThreshold) {
        return members.find(row.id(), userId).map(self -> encode(row, self, largeThreshold));
    }

    private String encode(GuildRow row, Member self, int largeThreshold) {
        Guild guild = Guild.of(row.id(), row.name(), row.ownerId(), guilds.roles(row.id()), row.systemChannelId());
        int count = members.count(row.id());
        boolean large = count > largeThreshold;
        List<Member> list = large ? List.of(self) : members.list(row.id(), 0, largeThreshold);
        return Json.write(GuildCreate.of(guild, self.joinedAt(), large, count, list, channels.inGuild(row.id())));
    }
}
