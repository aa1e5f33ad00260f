package io.concord.search;

import io.concord.common.search.MessageIndex;
import io.concord.common.search.SearchFilters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index writes of one partition's batch, in stream order. Consecutive writes of one kind become
 * one Meilisearch task (documents coalesced by id, later wins); Meilisearch applies an index's tasks
 * in the order they were enqueued, so the stream order holds across kinds.
 */
final class IndexBatch {
    sealed interface Op permits Replace, Update, Delete, DeleteWhere {}

    record Replace(ObjectNode document) implements Op {}

    record Update(ObjectNode partial) implements Op {}

    record Delete(String id) implements Op {}

    record DeleteWhere(String filter) implements Op {}

    private final List<Op> ops = new ArrayList<>();

    void add(Op op) {
        ops.add(op);
    }

    boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Enqueues the batch's tasks and waits until each has succeeded; returns the documents written or deleted. */
    int apply(MessageIndex index) {
        List<Long> tasks = new ArrayList<>();
        int documents = 0;
        int i = 0;
        while (i < ops.size()) {
            Op first = ops.get(i);
            int j = i;
            while (j < ops.size() && ops.get(j).getClass() == first.getClass()) j++;
            List<Op> run = ops.subList(i, j);
            switch (first) {
                case Replace r -> {
                    Map<String, ObjectNode> byId = new LinkedHashMap<>();
                    for (Op o : run) byId.put(id(((Replace) o).document()), ((Replace) o).document());
                    tasks.add(index.replace(List.copyOf(byId.values())));
                    documents += byId.size();
                }
                case Update u -> {
                    Map<String, ObjectNode> byId = new LinkedHashMap<>();
                    for (Op o : run) byId.merge(id(((Update) o).partial()), ((Update) o).partial(), (a, b) -> a.deepCopy().setAll(b));
                    tasks.add(index.update(List.copyOf(byId.values())));
                    documents += byId.size();
                }
                case Delete d -> {
                    Set<String> ids = new LinkedHashSet<>();
                    for (Op o : run) ids.add(((Delete) o).id());
                    tasks.add(index.delete(ids));
                    documents += ids.size();
                }
                case DeleteWhere w -> {
                    List<String> filters = new ArrayList<>();
                    for (Op o : run) filters.add(((DeleteWhere) o).filter());
                    tasks.add(index.deleteWhere(SearchFilters.any(filters)));
                }
            }
            i = j;
        }
        // Tasks run in order, but a failed one does not stop the next: every one must be seen to succeed.
        tasks.forEach(index::await);
        return documents;
    }

    private static String id(ObjectNode doc) {
        return doc.path("id").asString();
    }
}
