package io.concord.search;

import io.concord.common.config.ConfigException;
import io.concord.common.config.Env;
import io.concord.common.config.WorkerConfig;
import io.concord.common.search.SearchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The search-indexer's settings: the stream worker's and the index's ({@code MEILI_URL}, {@code SEARCH_*}). */
public record IndexerConfig(WorkerConfig worker, SearchConfig search) {

    public static IndexerConfig fromEnv(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        WorkerConfig worker = null;
        try {
            worker = WorkerConfig.fromEnv(environment, "search", 9095);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        Env env = new Env(environment);
        SearchConfig search = SearchConfig.from(env);
        try {
            env.validate();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new IndexerConfig(worker, search);
    }
}
