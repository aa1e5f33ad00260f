package io.concord.seed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files the Gatling simulations read as feeders (CSV with a header row: the column names are the
 * session attributes). Ids are decimal strings; tokens are written as they go in {@code Authorization}
 * (user tokens raw; bot tokens without the {@code Bot } prefix). They hold live credentials: the
 * directory is created owner-only.
 */
final class FeederFiles {
    static final String USERS = "seed-users.csv";
    static final String LARGE_GUILD = "seed-large-guild.csv";
    static final String BOTS = "seed-bots.csv";
    static final String HISTORY = "seed-history.csv";
    static final String SUMMARY = "seed-summary.json";

    private FeederFiles() {}

    /** Removes an earlier run's files first, so a scenario never mixes two seeds. */
    static List<Path> write(Path dir, SeedData d) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "seed-*")) {
                for (Path p : old) Files.delete(p);
            }
            List<Path> written = new ArrayList<>();
            written.add(csv(dir.resolve(USERS), "user_id,token,guild_id,channel_id", d.users().stream()
                    .map(u -> row(u.id(), u.token(), d.smallGuilds().get(u.guild()).id(), d.smallGuilds().get(u.guild()).channelId()))
                    .toList()));
            d.largeGuild().ifPresent(g -> written.add(csv(dir.resolve(LARGE_GUILD), "user_id,token,guild_id,channel_id",
                    d.users().subList(g.firstUser(), g.firstUser() + g.memberCount()).stream()
                            .map(u -> row(u.id(), u.token(), g.id(), g.channelId())).toList())));
            if (!d.bots().isEmpty()) {
                written.add(csv(dir.resolve(BOTS), "bot_id,token,guild_ids", d.bots().stream()
                        .map(b -> row(b.id(), b.token(), b.guildIds().stream().map(String::valueOf).collect(Collectors.joining(" "))))
                        .toList()));
            }
            if (!d.history().isEmpty()) {
                List<String> rows = new ArrayList<>();
                for (SeedData.History h : d.history()) {
                    SeedData.Guild g = d.smallGuilds().get(h.guild());
                    for (SeedData.User u : d.users().subList(g.firstUser(), g.firstUser() + g.memberCount())) {
                        rows.add(row(g.channelId(), g.id(), u.id(), u.token(), h.newestMessageId(), h.oldestMessageId(), h.messages()));
                    }
                }
                written.add(csv(dir.resolve(HISTORY), "channel_id,guild_id,user_id,token,newest_message_id,oldest_message_id,messages", rows));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path summary(Path dir, String json) {
        try {
            return Files.writeString(dir.resolve(SUMMARY), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(v);
        }
        return sb.toString();
    }

    private static void ownerOnly(Path p, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: leave the permissions as they are
        }
    }

    private static Path csv(Path file, String header, List<String> rows) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file);
            ownerOnly(file, "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(header);
            w.newLine();
            for (String r : rows) {
                w.write(r);
                w.newLine();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
