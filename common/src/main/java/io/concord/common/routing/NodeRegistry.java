package io.concord.common.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Which ws-nodes are alive, where clients reach them and how loaded they are. A node refreshes its
 * entry every few seconds; an entry that is not refreshed expires, so a dead node drops out.
 */
public final class NodeRegistry {
    public record WsNode(int nodeId, String url, int sessions, int capacity, boolean draining) {
        double load() {
            return capacity == 0 ? 1.0 : (double) sessions / capacity;
        }
    }

    private static final String INDEX = "ws-nodes";
    private final RedisClient redis;

    public NodeRegistry(RedisClient redis) {
        this.redis = redis;
    }

    private static String key(int nodeId) {
        return "ws-node:" + nodeId;
    }

    public void announce(WsNode node, long ttlMs) {
        String value = node.url() + "|" + node.sessions() + "|" + node.capacity() + "|" + (node.draining() ? 1 : 0);
        redis.set(key(node.nodeId()), value, SetParams.setParams().px(ttlMs));
        redis.sadd(INDEX, Integer.toString(node.nodeId()));
    }

    public void withdraw(int nodeId) {
        redis.del(key(nodeId));
        redis.srem(INDEX, Integer.toString(nodeId));
    }

    public boolean isAlive(int nodeId) {
        return redis.exists(key(nodeId));
    }

    public List<WsNode> alive() {
        List<String> ids = List.copyOf(redis.smembers(INDEX));
        if (ids.isEmpty()) return List.of();
        List<String> values = redis.mget(ids.stream().map(id -> key(Integer.parseInt(id))).toArray(String[]::new));
        List<WsNode> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String v = values.get(i);
            if (v == null) continue;
            String[] p = v.split("\\|");
            nodes.add(new WsNode(Integer.parseInt(ids.get(i)), p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), "1".equals(p[3])));
        }
        return nodes;
    }

    /** The least-loaded node that is neither draining nor full. */
    public Optional<WsNode> leastLoaded() {
        return alive().stream()
                .filter(n -> !n.draining() && n.sessions() < n.capacity())
                .min(java.util.Comparator.comparingDouble(WsNode::load));
    }

}
