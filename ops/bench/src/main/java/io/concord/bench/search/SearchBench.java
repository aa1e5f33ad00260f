package io.concord.bench.search;

import io.concord.bench.BenchParams;
import io.concord.bench.BenchProcesses;
import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.Principal;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.lease.ConsumerGroups;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Member;
import io.concord.common.model.Message;
import io.concord.common.model.Role;
import io.concord.common.model.User;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MeiliClient;
import io.concord.common.search.MessageIndex;
import io.concord.common.search.MessageQuery;
import io.concord.common.search.SearchFilters;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;

/**
 * Search benchmark (issue 7), against the running stores and Meilisearch, with real processes:
 * <ol>
 *   <li>seeds one guild of {@code -Dchannels} text channels and a member whose role and overwrites let
 *       them VIEW_CHANNEL and READ_MESSAGE_HISTORY in exactly {@code -Dvisible} of them (the guild's
 *       {@code @everyone} has no VIEW_CHANNEL; a role gets it back in those channels by overwrite);</li>
 *   <li>writes {@code -Dmessages} messages to the CQL store (search renders hits from there) and appends
 *       their MESSAGE_CREATE events, built from the api-node's model records, to the guild stream with
 *       {@link EventStreams#publish}; content is drawn from a fixed vocabulary with Zipf frequencies so
 *       that query words range from very common to rare;</li>
 *   <li>starts a real search-indexer ({@code io.concord.search.Main}) and times from its start until its
 *       indexed position reaches the last entry (every document searchable): documents/s wall, per
 *       indexer CPU-second and with Meilisearch's CPU, both from {@code /proc};</li>
 *   <li>starts a real api-node and runs one fixed query set through {@code GET /guilds/{g}/messages/search}
 *       as the member (10 of 200 channels) and as the owner (all 200), sequentially and at a small
 *       concurrency; then, as the route always sends a {@code channel_id IN [...]} filter, the same
 *       queries straight against Meilisearch with the 10-channel filter, the 200-channel filter and none.</li>
 * </ol>
 * Every parameter is a system property; the run prints each with its value and default first.
 * Usage: {@code ops/bench/run-search.sh [-Dmessages=1000000 ...]}.
 */
public final class SearchBench {
    private final BenchParams params = new BenchParams(Set.of("classpath"));

    private SearchBench() {}

    private String param(String name, String fallback, String help) {
        return params.get(name, fallback, help);
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int status = 0;
        try {
            new SearchBench().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    // parameters
    private int messages;
    private int channelCount;
    private int visibleCount;
    private int authorCount;
    private int vocabulary;
    private double zipf;
    private double linkShare;
    private double mentionShare;
    private int queryCount;
    private long querySeed;
    private int rounds;
    private int[] concurrencies;
    private String serverJvm;
    private String index;
    private Path logs;
    private Path java;
    private String classpath;
    private Map<String, String> storeEnv;
    private String meiliUrl;
    private String meiliKey;

    private void run() throws Exception {
        messages = Integer.parseInt(param("messages", "1000000", "messages written to CQL and appended to the guild stream"));
        channelCount = Integer.parseInt(param("channels", "200", "text channels of the guild; messages spread uniformly over them"));
        visibleCount = Integer.parseInt(param("visible", "10", "channels the member can VIEW and READ_MESSAGE_HISTORY (every channels/visible-th)"));
        authorCount = Integer.parseInt(param("authors", "50", "members who wrote the messages (author_id filters pick among them)"));
        vocabulary = Integer.parseInt(param("vocabulary", "5000", "distinct words of the fixed word list (real words first, then pseudo-words)"));
        zipf = Double.parseDouble(param("zipf", "1.0", "Zipf exponent of word frequencies (rank r drawn with weight 1/r^zipf)"));
        int minWords = Integer.parseInt(param("minWords", "3", "words per message, at least"));
        int maxWords = Integer.parseInt(param("maxWords", "20", "words per message, at most (uniform in between)"));
        linkShare = Double.parseDouble(param("linkShare", "0.1", "share of messages carrying an https:// link (has=link)"));
        mentionShare = Double.parseDouble(param("mentionShare", "0.05", "share of messages mentioning one author"));
        long contentSeed = Long.parseLong(param("contentSeed", "42", "seed of the message content, channels and authors"));
        queryCount = Integer.parseInt(param("queries", "200", "queries in the fixed query set"));
        querySeed = Long.parseLong(param("querySeed", "7", "seed of the query set"));
        rounds = Integer.parseInt(param("rounds", "2", "times the query set is run per measurement (samples = queries x rounds)"));
        concurrencies = Arrays.stream(param("concurrency", "1,4", "clients issuing queries at once, one measurement each").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        int writeThreads = Integer.parseInt(param("writeThreads", "32", "threads writing CQL rows and stream entries before the indexer starts"));
        String batchSize = param("batchSize", "1000", "SEARCH_BATCH_SIZE of the indexer (entries per batch)");
        String batchLatencyMs = param("batchLatencyMs", "200", "SEARCH_BATCH_LATENCY_MS of the indexer");
        long indexTimeoutSec = Long.parseLong(param("indexTimeoutSec", "3600", "give up waiting for the indexer after this long"));
        index = param("index", "b_search_messages", "SEARCH_INDEX (dropped at the start, and at the end unless -DkeepIndex=true)");
        boolean keepIndex = Boolean.parseBoolean(param("keepIndex", "false", "keep the index, stores and a state file for -Dreuse=true"));
        boolean reuse = Boolean.parseBoolean(param("reuse", "false", "skip seeding and indexing: query what a -DkeepIndex=true run left"));
        int seedNodeId = Integer.parseInt(param("seedNodeId", "16", "snowflake worker of the seeded ids and message ids (NODE_ID is 0..1023)"));
        int indexerNodeId = Integer.parseInt(param("indexerNodeId", "17", "NODE_ID of the search-indexer"));
        int apiNodeId = Integer.parseInt(param("apiNodeId", "18", "NODE_ID of the api-node"));
        // 38080-38099 lie in the ephemeral range: a port some outgoing connection holds at the moment is skipped.
        // 38080-38099 lie in the ephemeral range: each port is chosen just before its process starts, the
        // next free one from the given one (a port some outgoing connection holds at that moment is skipped).
        int apiPortFrom = Integer.parseInt(param("apiPort", "38080", "api-node API_PORT (the next free one up to 38099, chosen at its start)"));
        int apiAdminPortFrom = Integer.parseInt(param("apiAdminPort", "38085", "api-node ADMIN_PORT (the next free one, chosen at its start)"));
        int indexerAdminPortFrom = Integer.parseInt(param("indexerAdminPort", "38090", "search-indexer ADMIN_PORT (the next free one, chosen at its start)"));
        serverJvm = param("serverJvm", "-Xms256m -Xmx1g -XX:+UseG1GC", "JVM flags of the indexer and the api-node");
        String redisUrl = param("redisUrl", "redis://127.0.0.1:6379/9", "REDIS_URL of every process (flushed at the start)");
        String postgresUrl = param("postgresUrl", "jdbc:postgresql://127.0.0.1:5433/concord_sbench", "POSTGRES_URL (the guild, its channels and users are added)");
        String cqlKeyspace = param("cqlKeyspace", "concord_sbench", "CQL_KEYSPACE (the messages are written there)");
        meiliUrl = param("meiliUrl", Optional.ofNullable(System.getenv("MEILI_URL")).orElse("http://127.0.0.1:7700"), "MEILI_URL (default: $MEILI_URL)");
        meiliKey = Optional.ofNullable(System.getenv("MEILI_MASTER_KEY")).orElse("");
        String logDir = param("logDir", "ops/bench/target/search-logs", "where the process logs and the -DkeepIndex state go");
        classpath = param("classpath", System.getProperty("java.class.path"), "classpath of every child JVM");

        System.out.println("# Concord search benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + System.getProperty("java.version") + ", load average " + loadAverage()
                + ", MEILI_MASTER_KEY " + (meiliKey.isEmpty() ? "unset" : "set"));
        params.print();

        logs = Path.of(logDir);
        Files.createDirectories(logs);
        java = Path.of(System.getProperty("java.home"), "bin", "java");
        storeEnv = new LinkedHashMap<>();
        storeEnv.put("REDIS_URL", redisUrl);
        storeEnv.put("POSTGRES_URL", postgresUrl);
        storeEnv.put("POSTGRES_USER", "concord");
        storeEnv.put("POSTGRES_PASSWORD", "concord");
        storeEnv.put("CQL_CONTACT_POINTS", "127.0.0.1:9042");
        storeEnv.put("CQL_LOCAL_DC", "datacenter1");
        storeEnv.put("CQL_KEYSPACE", cqlKeyspace);
        // One guild = one partition: its stream holds every entry until the indexer has read it.
        // The append-time cap and the retention are raised so nothing is trimmed before that.
        storeEnv.put("STREAM_MAX_LENGTH", Long.toString(Math.max(1_000_000L, 2L * messages + 10_000)));
        storeEnv.put("STREAM_RETENTION_SECONDS", "86400");
        storeEnv.put("MEILI_URL", meiliUrl);
        storeEnv.put("MEILI_MASTER_KEY", meiliKey);
        storeEnv.put("SEARCH_INDEX", index);
        StoreConfig stores = StoreConfig.from(new Env(storeEnv));
        MessageIndex messageIndex = new MessageIndex(new MeiliClient(URI.create(meiliUrl), meiliKey), index, Duration.ofMinutes(10));
        MeiliClient meili = new MeiliClient(URI.create(meiliUrl), meiliKey);
        Path stateFile = logs.resolve("state.properties");

        Seeded seeded;
        List<String> wordList = words(vocabulary);
        if (reuse) {
            seeded = Seeded.load(stateFile);
            System.out.println("# reusing " + stateFile + ": guild " + seeded.guildId + ", " + meiliDocuments(meili) + " documents in " + index);
        } else {
            try (RedisClient redis = Redis.connect(stores)) {
                redis.flushDB();
            }
            dropIndex(meili, messageIndex);
            try (Postgres pg = Postgres.connect(stores)) {
                pg.migrate();
            }
            Cql.migrate(stores);
            SnowflakeGenerator ids = new SnowflakeGenerator(Clock.systemUTC(), seedNodeId);
            seeded = seed(stores, ids);
            load(stores, ids, seeded, wordList, new Random(contentSeed), minWords, maxWords, writeThreads);
            index(stores, meili, seeded, indexerNodeId, indexerAdminPortFrom, batchSize, batchLatencyMs, indexTimeoutSec);
            if (keepIndex) seeded.save(stateFile);
        }

        List<Query> queries = querySet(wordList, seeded);
        System.out.printf("# query set: %d queries (seed %d): %s%n", queries.size(), querySeed,
                queries.stream().collect(Collectors.groupingBy(Query::kind, LinkedHashMap::new, Collectors.counting())));
        int apiPort = freePort(apiPortFrom);
        int apiAdminPort = freePort(Math.max(apiPort + 1, apiAdminPortFrom));
        System.out.println("# api-node ports: API " + apiPort + ", admin " + apiAdminPort);
        Process api = startApiNode(seeded, apiNodeId, apiPort, apiAdminPort);
        List<String> summary = new ArrayList<>();
        try {
            BenchProcesses.waitReady(api, "http://127.0.0.1:" + apiAdminPort + "/readyz", logs);
            queryRoute(api, seeded, queries, apiPort, summary);
        } finally {
            BenchProcesses.stop(api);
        }
        queryDirect(messageIndex, seeded, queries, summary);

        System.out.println();
        System.out.println("# summary, load average now " + loadAverage());
        System.out.println(Stats.HEADER);
        summary.forEach(System.out::println);

        if (!keepIndex) {
            dropIndex(meili, messageIndex);
            try (RedisClient redis = Redis.connect(stores)) {
                redis.flushDB();
            }
            System.out.println("# dropped index " + index + " and flushed " + redisUrl + " (CQL and PostgreSQL rows stay in the bench's own keyspace/database)");
        }
    }

    // ---- seeding

    /** What the run seeded: ids and tokens (the state file of -DkeepIndex/-Dreuse). */
    private static final class Seeded {
        long guildId;
        long ownerId;
        long memberId;
        String tokenSecret;
        String ownerToken;
        String memberToken;
        List<Long> channels = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        List<Long> authors = new ArrayList<>();
        int partition;
        StreamEntryID lastEntry;

        void save(Path file) throws IOException {
            Properties p = new Properties();
            p.setProperty("guild", Long.toString(guildId));
            p.setProperty("owner", Long.toString(ownerId));
            p.setProperty("member", Long.toString(memberId));
            p.setProperty("tokenSecret", tokenSecret);
            p.setProperty("ownerToken", ownerToken);
            p.setProperty("memberToken", memberToken);
            p.setProperty("channels", join(channels));
            p.setProperty("visible", join(visible));
            p.setProperty("authors", join(authors));
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "search bench state");
            }
        }

        static Seeded load(Path file) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
            Seeded s = new Seeded();
            s.guildId = Long.parseLong(p.getProperty("guild"));
            s.ownerId = Long.parseLong(p.getProperty("owner"));
            s.memberId = Long.parseLong(p.getProperty("member"));
            s.tokenSecret = p.getProperty("tokenSecret");
            s.ownerToken = p.getProperty("ownerToken");
            s.memberToken = p.getProperty("memberToken");
            s.channels = split(p.getProperty("channels"));
            s.visible = split(p.getProperty("visible"));
            s.authors = split(p.getProperty("authors"));
            return s;
        }

        private static String join(List<Long> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(","));
        }

        private static List<Long> split(String s) {
            return Arrays.stream(s.split(",")).map(Long::parseLong).toList();
        }
    }

    private Seeded seed(StoreConfig stores, SnowflakeGenerator ids) {
        long t0 = System.nanoTime();
        Clock clock = Clock.systemUTC();
        Seeded s = new Seeded();
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        s.tokenSecret = HexFormat.of().formatHex(b);
        AccessTokens tokens = new AccessTokens(s.tokenSecret, Duration.ofHours(12), clock);
        try (Postgres pg = Postgres.connect(stores)) {
            UserRepository users = new UserRepository(pg.jdbi());
            ChannelRepository channels = new ChannelRepository(pg.jdbi());
            GuildRepository guilds = new GuildRepository(pg.jdbi(), channels);
            MemberRepository members = new MemberRepository(pg.jdbi());
            s.ownerId = user(users, ids, "sbowner");
            s.memberId = user(users, ids, "sbmember");
            s.guildId = ids.next();
            List<Channel> list = new ArrayList<>();
            for (int c = 0; c < channelCount; c++) {
                list.add(new Channel(ids.next(), ChannelType.GUILD_TEXT, s.guildId, "channel-" + c, c, null, null, false, 0, List.of()));
            }
            // @everyone cannot view channels: only the owner (everything) and the role's overwrites open them.
            guilds.create(new GuildRow(s.guildId, "search bench", s.ownerId, list.getFirst().id()),
                    Role.create(s.guildId, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE & ~Permission.VIEW_CHANNEL, false, false),
                    list, clock.instant());
            long readers = ids.next();
            if (!guilds.createRoleAtBottom(s.guildId, Role.create(readers, "readers", 0, false, 1, 0, false, false), 250)) {
                throw new IllegalStateException("could not create the readers role");
            }
            members.add(s.guildId, s.memberId, clock.instant());
            members.addRole(s.guildId, s.memberId, readers);
            int step = channelCount / visibleCount;
            for (int c = 0; c < channelCount; c++) {
                long channelId = list.get(c).id();
                s.channels.add(channelId);
                if (c % step == 0 && s.visible.size() < visibleCount) {
                    channels.putOverwrite(channelId, new Overwrite(readers, Overwrite.ROLE,
                            Permission.VIEW_CHANNEL | Permission.READ_MESSAGE_HISTORY, 0));
                    s.visible.add(channelId);
                }
            }
            for (int a = 0; a < authorCount; a++) {
                long author = user(users, ids, "sbauthor");
                members.add(s.guildId, author, clock.instant());
                s.authors.add(author);
            }
        }
        s.ownerToken = tokens.issue(new Principal(s.ownerId, ids.next()));
        s.memberToken = tokens.issue(new Principal(s.memberId, ids.next()));
        System.out.printf("# seeded guild %d: %d channels, member %d sees %d of them (role %s by overwrite, @everyone without VIEW_CHANNEL), "
                        + "owner %d, %d authors, in %d ms%n", s.guildId, s.channels.size(), s.memberId, s.visible.size(), "readers",
                s.ownerId, s.authors.size(), (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    private static long user(UserRepository users, SnowflakeGenerator ids, String prefix) {
        long id = ids.next();
        String name = prefix + id;
        users.insert(new UserRow(id, name, name, Optional.of(name + "@bench.invalid"), Optional.empty(), false));
        return id;
    }

    // ---- content

    private static final String COMMON_WORDS = """
            the be to of and a in that have it for not on with he as you do at this but his by from they we say her she or an will my
            one all would there their what so up out if about who get which go me when make can like time no just him know take people
            into year your good some could them see other than then now look only come its over think also back after use two how our
            work first well way even new want because any these give day most us is was are been has had were said did having may
            should does done going made called told asked found became left felt seemed brought began kept held wrote stood heard let
            meant set met ran paid sat spoke lay led read grew lost fell sent built understood drew broke spent cut rose drove bought
            wore chose server channel message search index query deploy build release bug issue patch commit merge branch review test
            voice video stream music game match team player score level quest raid guild role admin moderator ban kick mute invite
            link image photo picture meme emoji sticker poll thread reply mention everyone here online offline status update feature
            request support help question answer idea plan meeting schedule event weekend tonight tomorrow yesterday morning evening
            coffee pizza dinner lunch breakfast weather rain snow sunny cloudy winter summer spring autumn holiday travel flight train
            ticket hotel beach mountain river forest garden kitchen window keyboard mouse monitor laptop phone battery charger cable
            network router password account login profile avatar banner theme dark light color font layout screen button menu option
            setting config error warning crash freeze lag latency ping packet socket gateway shard cluster database cache memory disk
            """;

    /** The fixed word list: common English and chat words first (most frequent ranks), then pseudo-words from a fixed seed. */
    static List<String> words(int size) {
        LinkedHashSet<String> out = new LinkedHashSet<>(Arrays.asList(COMMON_WORDS.trim().split("\\s+")));
        String[] onsets = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cr", "dr",
                "fl", "gr", "pl", "pr", "sh", "st", "th", "tr"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou"};
        String[] codas = {"", "", "n", "r", "s", "l", "m", "t", "nd", "rk"};
        Random r = new Random(1234);
        while (out.size() < size) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + r.nextInt(3);
            for (int i = 0; i < syllables; i++) w.append(onsets[r.nextInt(onsets.length)]).append(vowels[r.nextInt(vowels.length)]);
            w.append(codas[r.nextInt(codas.length)]);
            out.add(w.toString());
        }
        return new ArrayList<>(out).subList(0, size);
    }

    /** Draws word ranks with weight 1/r^s. */
    static final class Zipf {
        private final double[] cdf;

        Zipf(int n, double s) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) cdf[i] /= sum;
        }

        int next(Random r) {
            int i = Arrays.binarySearch(cdf, r.nextDouble());
            return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
        }
    }

    // ---- loading: CQL rows and stream entries, before the indexer starts

    private void load(StoreConfig stores, SnowflakeGenerator ids, Seeded s, List<String> wordList, Random random, int minWords, int maxWords,
                      int threads) throws Exception {
        long t0 = System.nanoTime();
        Zipf zipfWords = new Zipf(wordList.size(), zipf);
        Map<Long, User> authors = new HashMap<>();
        Map<Long, Member> authorMembers = new HashMap<>();
        try (Postgres pg = Postgres.connect(stores)) {
            UserRepository users = new UserRepository(pg.jdbi());
            MemberRepository members = new MemberRepository(pg.jdbi());
            users.byIds(s.authors).forEach((id, row) -> authors.put(id, row.toUser()));
            for (long a : s.authors) authorMembers.put(a, members.find(s.guildId, a).map(Member::withoutUser).orElseThrow());
        }
        Cql cql = Cql.connect(stores);
        MessageRepository store = new MessageRepository(cql.session(), Clock.systemUTC());
        StreamEntryID last;
        long bytes = 0;
        long links = 0;
        long mentions = 0;
        try (RedisClient redis = Redis.connect(stores)) {
            EventStreams streams = new EventStreams(redis, stores.guildPartitions(), stores.guildStreamMaxLength());
            int partition = streams.partition(s.guildId);
            // The indexer's group from the start of the stream, as the indexer creates it: the trimmer then keeps what it has not read.
            ConsumerGroups.ensure(redis, EventStreams.guildStream(partition), "search");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            int chunk = 10_000;
            AtomicLong failures = new AtomicLong();
            long lastReport = System.nanoTime();
            for (int start = 0; start < messages; start += chunk) {
                List<Future<?>> inFlight = new ArrayList<>(chunk);
                for (int i = start; i < Math.min(messages, start + chunk); i++) {
                    long channel = s.channels.get(random.nextInt(s.channels.size()));
                    long author = s.authors.get(random.nextInt(s.authors.size()));
                    int n = minWords + random.nextInt(maxWords - minWords + 1);
                    StringBuilder content = new StringBuilder();
                    for (int w = 0; w < n; w++) {
                        if (w > 0) content.append(' ');
                        content.append(wordList.get(zipfWords.next(random)));
                    }
                    if (random.nextDouble() < linkShare) {
                        links++;
                        content.append(" https://example.com/").append(wordList.get(zipfWords.next(random)));
                    }
                    List<Long> mentioned = List.of();
                    if (random.nextDouble() < mentionShare) {
                        mentions++;
                        mentioned = List.of(s.authors.get(random.nextInt(s.authors.size())));
                    }
                    long id = ids.next();
                    StoredMessage row = new StoredMessage(channel, id, s.guildId, author, Message.DEFAULT, content.toString(), Optional.empty(),
                            Optional.empty(), 0, false, false, mentioned, List.of(), false, 0, Optional.empty());
                    // The api-node's MESSAGE_CREATE: MessageViews' rendering of the row (no reactions), with the author's member.
                    Message message = new Message(id, Message.DEFAULT, channel, s.guildId, authors.get(author), null, row.content(),
                            Snowflakes.instant(id).atOffset(ZoneOffset.UTC), null, false, false,
                            mentioned.stream().map(authors::get).toList(), List.of(), List.of(), List.of(), List.of(), null, false, 0)
                            .withReactions(List.of()).withMember(authorMembers.get(author));
                    GuildEvent event = new GuildEvent("MESSAGE_CREATE", s.guildId, channel, List.of(), Json.write(message));
                    bytes += event.payload().length();
                    inFlight.add(pool.submit(() -> {
                        try {
                            store.insert(row);
                        } catch (RuntimeException e) {
                            if (failures.incrementAndGet() <= 3) System.out.println("# CQL insert failed: " + e);
                            throw e;
                        }
                    }));
                    inFlight.add(pool.submit(() -> streams.publish(event)));
                }
                for (Future<?> f : inFlight) f.get();
                if (System.nanoTime() - lastReport > 15_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("#   loaded %d / %d messages (%.0f/s), load average %s%n", Math.min(messages, start + chunk), messages,
                            Math.min(messages, start + chunk) / ((System.nanoTime() - t0) / 1e9), loadAverage());
                }
            }
            pool.shutdown();
            String stream = EventStreams.guildStream(partition);
            last = redis.xinfoStream(stream).getLastGeneratedId();
            long length = redis.xlen(stream);
            s.lastEntry = last;
            s.partition = partition;
            System.out.printf("# loaded %d messages (%d with a link, %d with a mention; payloads %.0f bytes on average) into CQL and %s "
                            + "(%d entries, last %s) in %.1f s, %d write failures%n", messages, links, mentions, (double) bytes / messages,
                    stream, length, last, (System.nanoTime() - t0) / 1e9, failures.get());
            if (length < messages) throw new IllegalStateException("the stream holds " + length + " entries, fewer than the messages");
        } finally {
            cql.close();
        }
    }

    // ---- indexing: a real search-indexer, from its start until every entry is indexed

    private void index(StoreConfig stores, MeiliClient meili, Seeded s, int nodeId, int adminPort, String batchSize, String batchLatencyMs,
                       long timeoutSec) throws Exception {
        adminPort = freePort(adminPort);
        System.out.println("# search-indexer admin port " + adminPort);
        OptionalPid meiliPid = meiliPid();
        System.out.println("# meilisearch: " + meiliPid.describe());
        List<String> cmd = serverCmd();
        cmd.add("io.concord.search.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(storeEnv);
        pb.environment().put("NODE_ID", Integer.toString(nodeId));
        pb.environment().put("WORKER_ID", "search-bench-" + nodeId);
        pb.environment().put("ADMIN_PORT", Integer.toString(adminPort));
        pb.environment().put("SEARCH_BATCH_SIZE", batchSize);
        pb.environment().put("SEARCH_BATCH_LATENCY_MS", batchLatencyMs);
        double meiliCpu0 = meiliPid.cpuSeconds();
        String load0 = loadAverage();
        long t0 = System.nanoTime();
        Process indexer = pb.redirectErrorStream(true).redirectOutput(logs.resolve("search-indexer.log").toFile()).start();
        long firstDocNs = -1;
        double indexerCpu;
        long done;
        try (RedisClient redis = Redis.connect(stores)) {
            IndexProgress progress = new IndexProgress(redis);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSec);
            long lastReport = t0;
            double lastCpu = 0;
            while (true) {
                if (!indexer.isAlive()) throw new IllegalStateException("the search-indexer exited with " + indexer.exitValue() + ", see " + logs);
                Optional<StreamEntryID> at = progress.indexed(s.partition);
                long now = System.nanoTime();
                if (firstDocNs < 0 && at.isPresent()) firstDocNs = now;
                if (at.isPresent() && at.get().compareTo(s.lastEntry) >= 0) {
                    done = now;
                    indexerCpu = cpuSeconds(indexer.pid());
                    break;
                }
                if (now > deadline) throw new IllegalStateException("not indexed within " + timeoutSec + " s");
                if (now - lastReport > 15_000_000_000L) {
                    lastReport = now;
                    double cpu = cpuSeconds(indexer.pid());
                    long docs = meiliDocuments(meili);
                    System.out.printf("#   %5.0f s: %d documents, indexer CPU %.1f s (%.2f cores recently), meilisearch CPU %s, load %s%n",
                            (now - t0) / 1e9, docs, cpu, (cpu - lastCpu) / 15, meiliPid.cpuSince(meiliCpu0), loadAverage());
                    lastCpu = cpu;
                }
                Thread.sleep(100);
            }
        } finally {
            BenchProcesses.stop(indexer);
        }
        double wall = (done - t0) / 1e9;
        double fromFirst = (done - firstDocNs) / 1e9;
        long docs = meiliDocuments(meili);
        double meiliCpu = meiliPid.cpuSeconds() - meiliCpu0;
        String line = String.format("indexing: %d documents stream -> searchable in %.1f s from the indexer's start = %.0f docs/s "
                        + "(%.1f s to its first indexed batch, JVM start and settings included; %.0f docs/s after it); indexer CPU %.1f s = %.0f docs "
                        + "per indexer CPU-second; meilisearch CPU %s%s; index holds %d documents; load average %s -> %s",
                messages, wall, messages / wall, (firstDocNs - t0) / 1e9, messages / fromFirst, indexerCpu, messages / indexerCpu,
                meiliPid.available() ? String.format("%.1f s = %.0f docs per meilisearch CPU-second", meiliCpu, messages / meiliCpu) : "unavailable",
                meiliPid.available() ? String.format(", both together %.0f docs per CPU-second", messages / (meiliCpu + indexerCpu)) : "",
                docs, load0, loadAverage());
        System.out.println(line);
        indexingLine = line;
    }

    private String indexingLine;

    /** Drops the bench's index if it exists (MessageIndex.drop fails on the task of a missing index). */
    private void dropIndex(MeiliClient meili, MessageIndex messageIndex) {
        try {
            meili.get("/indexes/" + index);
        } catch (io.concord.common.search.MeiliException e) {
            if ("index_not_found".equals(e.code())) return;
            throw e;
        }
        messageIndex.drop();
    }

    /** The index's document count (Meilisearch's stats), -1 when it cannot be read. */
    private long meiliDocuments(MeiliClient meili) {
        try {
            return meili.get("/indexes/" + index + "/stats").path("numberOfDocuments").asLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---- queries

    record Query(String kind, String content, Long authorId, boolean link, boolean relevance) {
        String queryString() {
            StringBuilder q = new StringBuilder();
            if (!content.isEmpty()) q.append("content=").append(URLEncoder.encode(content, StandardCharsets.UTF_8));
            if (authorId != null) q.append(q.isEmpty() ? "" : "&").append("author_id=").append(authorId);
            if (link) q.append(q.isEmpty() ? "" : "&").append("has=link");
            if (relevance) q.append(q.isEmpty() ? "" : "&").append("sort_by=relevance");
            return q.toString();
        }

        /** The filters the route adds after its scope ({@code guild_id}, {@code channel_id IN [...]}). */
        List<String> filters() {
            List<String> f = new ArrayList<>();
            if (authorId != null) f.add(SearchFilters.inIds("author_id", List.of(authorId)));
            if (link) f.add(SearchFilters.any(List.of(SearchFilters.is("has_content", "link"))));
            return f;
        }
    }

    /**
     * The fixed query set: single words and pairs drawn from three frequency classes (ranks 1-50,
     * 51-1000, 1001+), with and without an author filter and has=link, some by relevance.
     */
    private List<Query> querySet(List<String> wordList, Seeded s) {
        Random r = new Random(querySeed);
        List<Query> out = new ArrayList<>();
        Function<Random, String> word = rr -> {
            int cls = rr.nextInt(3);
            int lo = cls == 0 ? 0 : cls == 1 ? 50 : 1000;
            int hi = cls == 0 ? 50 : cls == 1 ? 1000 : wordList.size();
            return wordList.get(lo + rr.nextInt(Math.max(1, Math.min(hi, wordList.size()) - lo)));
        };
        for (int i = 0; i < queryCount; i++) {
            double k = r.nextDouble();
            Long author = s.authors.get(r.nextInt(s.authors.size()));
            Query q;
            if (k < 0.35) q = new Query("word", word.apply(r), null, false, false);
            else if (k < 0.55) q = new Query("two words", word.apply(r) + " " + word.apply(r), null, false, false);
            else if (k < 0.70) q = new Query("word+author", word.apply(r), author, false, false);
            else if (k < 0.80) q = new Query("word+has:link", word.apply(r), null, true, false);
            else if (k < 0.90) q = new Query("word by relevance", word.apply(r), null, false, true);
            else if (k < 0.95) q = new Query("author only", "", author, false, false);
            else q = new Query("has:link only", "", null, true, false);
            out.add(q);
        }
        return out;
    }

    /** Latencies of one caller in one measurement, in ms. */
    record Stats(String name, int concurrency, double[] ms, long errors, long non200, double meanTotal, String load) {
        static final String HEADER = String.format("%-40s %5s %7s %9s %9s %9s %9s %10s %10s  %s", "measurement", "conc", "queries", "p50 ms",
                "p90 ms", "p99 ms", "max ms", "queries/s", "avg total", "load avg (start -> end)");

        double pct(double p) {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
        }

        /** Throughput this caller would get alone at this concurrency: concurrency / mean latency (Little's law). */
        double qps() {
            return concurrency * ms.length / (Arrays.stream(ms).sum() / 1000);
        }

        String line() {
            return String.format("%-40s %5d %7d %9.1f %9.1f %9.1f %9.1f %10.1f %10.0f  %s%s", name, concurrency, ms.length, pct(0.5), pct(0.9),
                    pct(0.99), pct(1.0), qps(), meanTotal, load, errors + non200 > 0 ? "  errors " + errors + ", non-200 " + non200 : "");
        }
    }

    /**
     * Runs every query {@code times} times with {@code concurrency} workers. Each query is issued by
     * every caller in turn (the order rotating), so the callers see the same load on a shared machine;
     * {@code calls} return total_results, -1 for a non-200.
     */
    private List<Stats> measure(List<String> names, int concurrency, List<Query> queries, int times, List<Call> calls) throws Exception {
        int total = queries.size() * times;
        int k = calls.size();
        double[][] ms = new double[k][total];
        AtomicInteger next = new AtomicInteger();
        AtomicLong[] errors = new AtomicLong[k];
        AtomicLong[] non200 = new AtomicLong[k];
        AtomicLong[] totals = new AtomicLong[k];
        for (int j = 0; j < k; j++) {
            errors[j] = new AtomicLong();
            non200[j] = new AtomicLong();
            totals[j] = new AtomicLong();
        }
        String load0 = loadAverage();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    Query q = queries.get(i % queries.size());
                    for (int r = 0; r < k; r++) {
                        int j = (i + r) % k;
                        long t0 = System.nanoTime();
                        try {
                            long t = calls.get(j).run(q);
                            if (t < 0) non200[j].incrementAndGet();
                            else totals[j].addAndGet(t);
                        } catch (Exception e) {
                            if (errors[j].incrementAndGet() <= 3) System.out.println("# " + names.get(j) + ": " + e);
                        }
                        ms[j][i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }));
        }
        for (Future<?> f : workers) f.get();
        pool.shutdown();
        String load = load0 + " -> " + loadAverage();
        List<Stats> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            long ok = total - non200[j].get() - errors[j].get();
            out.add(new Stats(names.get(j), concurrency, ms[j], errors[j].get(), non200[j].get(), (double) totals[j].get() / Math.max(1, ok), load));
        }
        return out;
    }

    interface Call {
        long run(Query q) throws Exception;
    }

    private void queryRoute(Process api, Seeded s, List<Query> queries, int apiPort, List<String> summary) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> visible = s.visible.stream().map(String::valueOf).collect(Collectors.toSet());
        AtomicLong leaks = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        String base = "http://127.0.0.1:" + apiPort + "/api/v10/guilds/" + s.guildId + "/messages/search?";
        Function<String, Call> as = token -> q -> {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + q.queryString())).timeout(Duration.ofSeconds(60))
                    .header("Authorization", token).GET().build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.println("# " + r.statusCode() + " for " + q.queryString() + ": " + r.body());
                return -1;
            }
            JsonNode body = Json.parse(r.body());
            if (token.equals(s.memberToken)) {
                for (JsonNode group : body.path("messages")) {
                    for (JsonNode m : group) {
                        hits.incrementAndGet();
                        if (!visible.contains(m.path("channel_id").asString(""))) leaks.incrementAndGet();
                    }
                }
            }
            return body.path("total_results").asLong();
        };
        Call member = as.apply(s.memberToken);
        Call owner = as.apply(s.ownerToken);
        // The index must answer 200 (not the 202 of catching up) before anything is measured.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (member.run(queries.getFirst()) < 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the route never answered 200");
            Thread.sleep(1000);
        }
        System.out.println("# warm-up: the query set twice, both callers, concurrency 4 (not counted)");
        List<String> names = List.of("route member (10 of 200 channels)", "route owner (all 200 channels)");
        measure(names, 4, queries, 2, List.of(member, owner));
        double cpu0 = cpuSeconds(api.pid());
        for (int c : concurrencies) {
            List<Stats> st = measure(names, c, queries, rounds, List.of(member, owner));
            for (Stats x : st) {
                System.out.println(x.line());
                summary.add(x.line());
            }
            Stats m = st.get(0), o = st.get(1);
            String ratio = String.format("%-40s %5d  member/owner: p50 %.2fx, p99 %.2fx, queries/s %.2fx", "route ratio filtered(10)/all(200)", c,
                    m.pct(0.5) / o.pct(0.5), m.pct(0.99) / o.pct(0.99), m.qps() / o.qps());
            System.out.println(ratio);
            summary.add(ratio);
        }
        String check = String.format("# route: member hits rendered %d, of which outside the member's 10 channels: %d; api-node CPU %.1f s over the measurements",
                hits.get(), leaks.get(), cpuSeconds(api.pid()) - cpu0);
        System.out.println(check);
        summary.add(check);
    }

    private void queryDirect(MessageIndex messageIndex, Seeded s, List<Query> queries, List<String> summary) throws Exception {
        String guild = SearchFilters.is("guild_id", Long.toUnsignedString(s.guildId));
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        scopes.put("meili guild + channel IN [10]", List.of(guild, SearchFilters.inIds("channel_id", s.visible)));
        scopes.put("meili guild + channel IN [200]", List.of(guild, SearchFilters.inIds("channel_id", s.channels)));
        scopes.put("meili guild only (no channel filter)", List.of(guild));
        Function<List<String>, Call> with = scope -> q -> {
            List<String> filters = new ArrayList<>(scope);
            filters.addAll(q.filters());
            return messageIndex.search(new MessageQuery(q.content(), filters,
                    q.relevance() ? MessageQuery.Order.RELEVANCE : MessageQuery.Order.NEWEST_FIRST, 0, 25)).total();
        };
        List<String> names = new ArrayList<>(scopes.keySet());
        List<Call> calls = scopes.values().stream().map(with).toList();
        measure(names, 4, queries, 1, calls);
        for (int c : concurrencies) {
            List<Stats> l = measure(names, c, queries, rounds, calls);
            for (Stats x : l) {
                System.out.println(x.line());
                summary.add(x.line());
            }
            String ratio = String.format("%-40s %5d  IN[10]/none p50 %.2fx p99 %.2fx; IN[200]/none p50 %.2fx p99 %.2fx", "meili ratio vs no channel filter", c,
                    l.get(0).pct(0.5) / l.get(2).pct(0.5), l.get(0).pct(0.99) / l.get(2).pct(0.99),
                    l.get(1).pct(0.5) / l.get(2).pct(0.5), l.get(1).pct(0.99) / l.get(2).pct(0.99));
            System.out.println(ratio);
            summary.add(ratio);
        }
        if (indexingLine != null) summary.add(indexingLine);
    }

    // ---- processes

    private List<String> serverCmd() {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(BenchProcesses.jvmFlags(serverJvm));
        cmd.addAll(List.of("-cp", classpath));
        return cmd;
    }

    private Process startApiNode(Seeded s, int nodeId, int port, int adminPort) throws IOException {
        List<String> cmd = serverCmd();
        cmd.add("io.concord.api.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(storeEnv);
        pb.environment().put("TOKEN_SECRET", s.tokenSecret);
        pb.environment().put("NODE_ID", Integer.toString(nodeId));
        pb.environment().put("API_PORT", Integer.toString(port));
        pb.environment().put("ADMIN_PORT", Integer.toString(adminPort));
        pb.environment().put("ACCESS_TOKEN_TTL_SECONDS", "43200");
        // message_search allows 5 per 5 s per caller: the benchmark would measure the limiter.
        pb.environment().put("RATE_LIMITS", "off");
        return pb.redirectErrorStream(true).redirectOutput(logs.resolve("api-node.log").toFile()).start();
    }

    // ---- probes

    /** utime + stime of a process, in seconds, from /proc/<pid>/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** Meilisearch's process, found by name in /proc (it may not be readable, or run elsewhere). */
    record OptionalPid(long pid) {
        boolean available() {
            return pid > 0;
        }

        double cpuSeconds() {
            if (!available()) return 0;
            try {
                return SearchBench.cpuSeconds(pid);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        String cpuSince(double cpu0) {
            return available() ? String.format("%.1f s", cpuSeconds() - cpu0) : "unavailable";
        }

        String describe() {
            return available() ? "pid " + pid + " (from /proc by name), CPU read from /proc/" + pid + "/stat"
                    : "no process named meilisearch in /proc: its CPU is unavailable";
        }
    }

    static OptionalPid meiliPid() {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (Files.readString(d.resolve("comm")).trim().equals("meilisearch")) {
                        long pid = Long.parseLong(d.getFileName().toString());
                        cpuSeconds(pid);
                        return new OptionalPid(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone or unreadable
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return new OptionalPid(-1);
    }

    /** The first port from {@code from} up to 38099 that can be bound now. */
    static int freePort(int from) {
        for (int p = from; p <= Math.max(from, 38099); p++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.1", p));
                return p;
            } catch (IOException e) {
                // taken: the next one
            }
        }
        throw new IllegalStateException("no free port from " + from);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
