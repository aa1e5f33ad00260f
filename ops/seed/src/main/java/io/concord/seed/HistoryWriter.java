package io.concord.seed;

import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Stored messages for the history and ack scenarios, written through {@link MessageRepository}, many at once. */
final class HistoryWriter {
    private static final int IN_FLIGHT = 64;
    private final MessageRepository messages;

    HistoryWriter(MessageRepository messages) {
        this.messages = messages;
    }

    /** Writes every message; the first failure stops the run. */
    void write(List<StoredMessage> all) {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        List<Future<?>> pending = new ArrayList<>(all.size());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StoredMessage m : all) {
                permits.acquireUninterruptibly();
                pending.add(executor.submit(() -> {
                    try {
                        messages.insert(m);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> f : pending) f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing a history message failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static StoredMessage message(long channelId, long id, long guildId, long authorId, String content) {
        return new StoredMessage(channelId, id, guildId, authorId, 0, content, Optional.empty(), Optional.empty(), 0, false, false,
                List.of(), List.of(), false, 0, Optional.empty());
    }
}
