package io.concord.ws.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Presences in Redis, shared by every ws-node. Per user a hash {@code presence:{user}} holds one
 * field per live session ({@code node:session} = {@code rank|visible json}) and
 * {@code presence-visible:{user}} the presence others see: the highest-ranked session's, absent when
 * offline (invisible ranks below idle, so it shows as offline). Each change and the recomputation
 * run in one script, so concurrent sessions of a user on several nodes never publish a stale result.
 * {@code presence-node:{node}} lists the users with sessions on a node, so whoever notices the node
 * died can take its sessions out.
 */
public final class PresenceStore {
    /** What others saw before and see after a change; empty strings mean offline. */
    public record Change(long userId, String before, String after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    private static final String NODES = "presence-nodes";
    private static final String UPDATE = """
            local before = redis.call('GET', KEYS[2]) or ''
            if ARGV[1] == 'set' then
              redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            elseif ARGV[1] == 'del' then
              redis.call('HDEL', KEYS[1], ARGV[2])
            else
              for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
                if string.sub(f, 1, string.len(ARGV[2])) == ARGV[2] then redis.call('HDEL', KEYS[1], f) end
              end
            end
            local best, bestRank = '', 0
            for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
              local sep = string.find(v, '|', 1, true)
              local rank = tonumber(string.sub(v, 1, sep - 1))
              if rank > bestRank then bestRank = rank; best = string.sub(v, sep + 1) end
            end
            if bestRank > tonumber(ARGV[4]) then redis.call('SET', KEYS[2], best) else redis.call('DEL', KEYS[2]); best = '' end
            return {before, best}""";

    private final RedisClient redis;

    public PresenceStore(RedisClient redis) {
        this.redis = redis;
    }

    static String field(int nodeId, String sessionId) {
        return nodeId + ":" + sessionId;
    }

    /** Sets one session's presence. */
    public Change set(int nodeId, String sessionId, long userId, Status status, String visibleJson) {
        redis.sadd(NODES, Integer.toString(nodeId));
        redis.sadd(nodeUsers(nodeId), Long.toString(userId));
        return run(userId, "set", field(nodeId, sessionId), status.rank + "|" + visibleJson);
    }

    /** The session ended. */
    public Change remove(int nodeId, String sessionId, long userId) {
        return run(userId, "del", field(nodeId, sessionId), "");
    }

    /** The user has no session left on the node: it need not be visited if the node dies. */
    public void forgetUser(int nodeId, long userId) {
        redis.srem(nodeUsers(nodeId), Long.toString(userId));
    }

    /** Node ids that ever held presences and were not reaped since. */
    public Set<Integer> nodes() {
        return redis.smembers(NODES).stream().map(Integer::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    /** Claims the reaping of a dead node for {@code ttlMs}: exactly one process wins it. */
    public boolean claimReap(int nodeId, long ttlMs) {
        return "OK".equals(redis.set("presence-reap:" + nodeId, "1", SetParams.setParams().nx().px(ttlMs)));
    }

    /** Takes every session of the node out, a batch of users at a time; returns the changes. */
    public List<Change> reapNode(int nodeId, int batch) {
        List<Change> changes = new ArrayList<>();
        String prefix = nodeId + ":";
        while (true) {
            List<String> users = redis.spop(nodeUsers(nodeId), batch).stream().toList();
            if (users.isEmpty()) break;
            for (String u : users) changes.add(run(Long.parseLong(u), "node", prefix, ""));
        }
        redis.srem(NODES, Integer.toString(nodeId));
        return changes;
    }

    /** What others see of these users now (absent: offline), in one round trip. */
    public List<Optional<String>> visible(Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        List<String> values = redis.mget(userIds.stream().map(PresenceStore::visibleKey).toArray(String[]::new));
        return values.stream().map(Optional::ofNullable).toList();
    }

    private Change run(long userId, String mode, String field, String value) {
        List<?> r = (List<?>) redis.eval(UPDATE, List.of(hash(userId), visibleKey(userId)),
                List.of(mode, field, value, Integer.toString(Status.INVISIBLE.rank)));
        return new Change(userId, r.get(0).toString(), r.get(1).toString());
    }

    private static String hash(long userId) {
        return "presence:{" + userId + "}";
    }

    private static String visibleKey(long userId) {
        return "presence-visible:{" + userId + "}";
    }

    private static String nodeUsers(int nodeId) {
        return "presence-node:" + nodeId;
    }
}
