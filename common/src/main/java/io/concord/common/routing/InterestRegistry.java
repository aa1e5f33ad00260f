package io.concord.common.routing;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;

/**
 * Which ws-nodes hold sessions of which guild and which user, counted per node, so the fanout
 * relays one copy per interested node. A node registers on session start and unregisters on end;
 * on restart it clears what its previous life left behind ({@link #clearNode}).
 */
public final class InterestRegistry {
    private final RedisClient redis;

    public InterestRegistry(RedisClient redis) {
        this.redis = redis;
    }

    private static String guildKey(long guildId) {
        return "guild-nodes:" + guildId;
    }

    private static String userKey(long userId) {
        return "user-nodes:" + userId;
    }

    private static String nodeKey(int nodeId) {
        return "node-interests:" + nodeId;
    }

    public void addGuild(int nodeId, long guildId) {
        redis.hincrBy(guildKey(guildId), Integer.toString(nodeId), 1);
        redis.sadd(nodeKey(nodeId), "g" + guildId);
    }

    public void removeGuild(int nodeId, long guildId) {
        decrement(guildKey(guildId), nodeId);
    }

    public void addUser(int nodeId, long userId) {
        redis.hincrBy(userKey(userId), Integer.toString(nodeId), 1);
        redis.sadd(nodeKey(nodeId), "u" + userId);
    }

    public void removeUser(int nodeId, long userId) {
        decrement(userKey(userId), nodeId);
    }

    private void decrement(String key, int nodeId) {
        if (redis.hincrBy(key, Integer.toString(nodeId), -1) <= 0) redis.hdel(key, Integer.toString(nodeId));
    }

    /** Nodes holding sessions in the guild or of any of the users. */
    public Set<Integer> nodesFor(long guildId, Iterable<Long> userIds) {
        Set<Integer> nodes = new HashSet<>();
        addPositive(nodes, redis.hgetAll(guildKey(guildId)));
        for (long u : userIds) addPositive(nodes, redis.hgetAll(userKey(u)));
        return nodes;
    }

    /** The nodes holding sessions of this user (the caller checks which of them are alive). */
    public Set<Integer> userNodes(long userId) {
        Set<Integer> nodes = new HashSet<>();
        addPositive(nodes, redis.hgetAll(userKey(userId)));
        return nodes;
    }

    private static void addPositive(Set<Integer> nodes, Map<String, String> counts) {
        counts.forEach((node, count) -> {
            if (Long.parseLong(count) > 0) nodes.add(Integer.parseInt(node));
        });
    }

    /** Forgets every registration of a node, e.g. one that restarted after a crash. */
    public void clearNode(int nodeId) {
        String field = Integer.toString(nodeId);
        for (String entry : redis.smembers(nodeKey(nodeId))) {
            long id = Long.parseLong(entry.substring(1));
            redis.hdel(entry.charAt(0) == 'g' ? guildKey(id) : userKey(id), field);
        }
        redis.del(nodeKey(nodeId));
    }

    /**
     * A dead node's registrations and the relay stream nobody reads any more. A fanout copy already
     * under way (its liveness check is cached for a second) may create the stream again with an entry
     * or two; a node that starts under that id reads past it and trims it.
     */
    public void forgetNode(int nodeId) {
        clearNode(nodeId);
        redis.del(relayStream(nodeId));
    }

    public static String relayStream(int nodeId) {
        return "relay:{n" + nodeId + "}";
    }
}
