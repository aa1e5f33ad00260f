package io.concord.ws.members;

import io.concord.common.json.IdString;
import io.concord.common.model.Member;
import java.util.List;

/** A GUILD_MEMBERS_CHUNK payload; absent parts (null) are left out of the JSON. */
record MembersChunk(@IdString long guildId, List<Member> members, int chunkIndex, int chunkCount, List<String> notFound,
                    List<Object> presences, String nonce) {}
