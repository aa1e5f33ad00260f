package io.concord.ws.resume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The resumable sessions in Redis: {@code gw-session:{id}}, a hash holding a {@link StoredSession},
 * expiring one resume window after its last write. Writes are fenced by the generation, so a node
 * that lost a session (taken over elsewhere) can no longer change it.
 */
public final class SessionStore {
    /**
     * If the stored generation is still the writer's (or nothing is stored yet, for generation 0):
     * adds the cut ARGV[3] in front of the kept ones (at most ARGV[4]), writes the identity fields
     * ARGV[5..] and renews the expiry; returns 1. An empty cut only renews. The identity is sent with
     * a holder's first cut only: if the record is gone (expired) and this write brings none, nothing
     * is written and 2 asks the writer to send it again with its identity.
     */
    private static final String WRITE = """
            local g = redis.call('HGET', KEYS[1], 'gen')
            if g == false then
              if ARGV[1] ~= '0' then return 0 end
              if #ARGV < 5 then return 2 end
            elseif g ~= ARGV[1] then return 0 end
            if ARGV[3] ~= '' then
              local cuts = ARGV[3]
              local old = redis.call('HGET', KEYS[1], 'cuts')
              if old and old ~= '' then cuts = cuts .. ';' .. old end
              local n, pos = 1, 0
              while true do
                pos = string.find(cuts, ';', pos + 1, true)
                if not pos then break end
                if n == tonumber(ARGV[4]) then cuts = string.sub(cuts, 1, pos - 1) break end
                n = n + 1
              end
              redis.call('HSET', KEYS[1], 'cuts', cuts, unpack(ARGV, 5))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""";
    /** Moves the session to the caller: a new generation and node; returns the stored fields as they were, generation bumped. */
    private static final String TAKE = """
            local g = redis.call('HGET', KEYS[1], 'gen')
            if g == false or g == 'ended' then return false end
            redis.call('HINCRBY', KEYS[1], 'gen', 1)
            local all = redis.call('HGETALL', KEYS[1])
            redis.call('HSET', KEYS[1], 'node', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return all""";
    /**
     * Leaves a tombstone for a while rather than nothing: a checkpoint planned just before the
     * session ended must not bring it back (a first write, generation 0, may create the key).
     */
    private static final String DELETE = """
            local g = redis.call('HGET', KEYS[1], 'gen')
            if g == false or g == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'gen', 'ended')
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1""";
    /** How long an ended session's tombstone outlives it: far longer than one checkpoint pass. */
    static final long TOMBSTONE_MS = 30_000;

    private static final String CUTS_TEXT = Integer.toString(StoredSession.CUTS);
    private final RedisClient redis;
    private final long ttlMs;
    private final String ttlText;
    /** The WRITE script's SHA once loaded; null until then, or after Redis lost it. */
    private volatile String writeSha;

    public SessionStore(RedisClient redis, Duration resumeWindow) {
        this.redis = redis;
        this.ttlMs = resumeWindow.toMillis();
        this.ttlText = Long.toString(ttlMs);
    }

    public static String key(String sessionId) {
        return "gw-session:{" + sessionId + "}";
    }

    /** The stored user of a session, to check a RESUME's token before anything changes. */
    public Optional<Long> user(String sessionId) {
        String user = redis.hget(key(sessionId), "user");
        try {
            return user == null ? Optional.empty() : Optional.of(Long.parseLong(user));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Takes the session over for {@code node}: atomically bumps the generation and returns what was stored (with the new generation). */
    public Optional<StoredSession> take(String sessionId, int node) {
        Object r = redis.eval(TAKE, List.of(key(sessionId)), List.of(Integer.toString(node), Long.toString(ttlMs)));
        if (!(r instanceof List<?> list)) return Optional.empty();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) fields.put(text(list.get(i)), text(list.get(i + 1)));
        return StoredSession.fromFields(fields);
    }

    /**
     * One write: a new cut, encoded ({@link Cut#encode}; empty to only renew the expiry), with the
     * identity fields (empty once the holder's record has them).
     */
    public record Write(String sessionId, long generation, String cut, Map<String, String> identity) {
        public Write(String sessionId, long generation, Optional<Cut> cut, Map<String, String> identity) {
            this(sessionId, generation, cut.map(Cut::encode).orElse(""), identity);
        }
    }

    /** What became of a write. */
    public enum Outcome {
        WRITTEN,
        /** Another node holds the session now (or it ended): this node must let it go. */
        LOST,
        /** The record was gone and the write carried no identity: nothing written, send it again with one. */
        NEEDS_IDENTITY
    }

    /**
     * Applies the writes in one pipelined round trip, the script by its SHA (a Redis that lost its
     * script cache, e.g. restarted, gets it again and the writes are retried once).
     */
    public List<Outcome> write(List<Write> writes) {
        if (writes.isEmpty()) return List.of();
        try {
            return writeOnce(writes);
        } catch (JedisNoScriptException e) {
            writeSha = null;
            return writeOnce(writes);
        }
    }

    private List<Outcome> writeOnce(List<Write> writes) {
        String sha = writeSha();
        List<Response<Object>> responses = new ArrayList<>(writes.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (Write w : writes) {
                List<String> args = new ArrayList<>(4 + 2 * w.identity().size());
                args.add(Long.toString(w.generation()));
                args.add(ttlText);
                args.add(w.cut());
                args.add(CUTS_TEXT);
                w.identity().forEach((k, v) -> {
                    args.add(k);
                    args.add(v);
                });
                responses.add(p.evalsha(sha, List.of(key(w.sessionId())), args));
            }
            p.sync();
        }
        List<Outcome> outcomes = new ArrayList<>(responses.size());
        for (Response<Object> r : responses) {
            Object v = r.get();
            outcomes.add(v instanceof Long l && l == 1L ? Outcome.WRITTEN : v instanceof Long l && l == 2L ? Outcome.NEEDS_IDENTITY : Outcome.LOST);
        }
        return outcomes;
    }

    private String writeSha() {
        String sha = writeSha;
        if (sha == null) writeSha = sha = redis.scriptLoad(WRITE);
        return sha;
    }

    /** Forgets a session that ended, unless another node holds it by now. */
    public void delete(String sessionId, long generation) {
        redis.eval(DELETE, List.of(key(sessionId)), List.of(Long.toString(generation), Long.toString(TOMBSTONE_MS)));
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
