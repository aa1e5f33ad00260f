package io.concord.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSV files of {@code ops/concord seed} (header row = session attribute names) into feeder records. */
final class SeedFiles {
    static final String USERS = "seed-users.csv";
    static final String LARGE_GUILD = "seed-large-guild.csv";
    static final String BOTS = "seed-bots.csv";
    static final String HISTORY = "seed-history.csv";

    private SeedFiles() {}

    static List<Map<String, Object>> read(Path file, String seedHint) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("No seed file " + file + ". Seed first: ops/concord seed " + seedHint
                    + " (or point -DseedDir at the directory it wrote).");
        }
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.getFirst().split(",", -1);
            List<Map<String, Object>> records = new ArrayList<>(lines.size() - 1);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                Map<String, Object> r = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) r.put(header[i], i < cells.length ? cells[i] : "");
                records.add(r);
            }
            if (records.isEmpty()) throw new IllegalStateException("Seed file " + file + " has no rows. Seed again: ops/concord seed " + seedHint);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
