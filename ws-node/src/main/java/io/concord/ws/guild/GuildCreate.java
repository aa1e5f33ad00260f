package io.concord.ws.guild;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.concord.common.model.Channel;
import io.concord.common.model.Guild;
import io.concord.common.model.Member;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The GUILD_CREATE payload: the REST guild object plus the gateway extras. JDA stays stuck in
 * LOADING_SUBSYSTEMS unless {@code member_count}, {@code members}, {@code roles}, {@code channels},
 * {@code threads}, {@code emojis}, {@code voice_states} and {@code guild_scheduled_events} are all there.
 */
public record GuildCreate(
        @JsonUnwrapped Guild guild,
        OffsetDateTime joinedAt,
        boolean large,
        boolean unavailable,
        int memberCount,
        List<Member> members,
        List<Channel> channels,
        List<Object> threads,
        List<Object> presences,
        List<Object> voiceStates,
        List<Object> stickers,
        List<Object> stageInstances,
        List<Object> guildScheduledEvents,
        List<Object> soundboardSounds) {

    public GuildCreate withPresences(List<Object> presences) {
        return new GuildCreate(guild, joinedAt, large, unavailable, memberCount, members, channels, threads, presences, voiceStates,
                stickers, stageInstances, guildScheduledEvents, soundboardSounds);
    }

    public static GuildCreate of(Guild guild, OffsetDateTime joinedAt, boolean large, int memberCount, List<Member> members, List<Channel> channels) {
        return new GuildCreate(guild, joinedAt, large, false, memberCount, members, channels,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
