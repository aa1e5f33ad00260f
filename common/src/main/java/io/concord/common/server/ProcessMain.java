package io.concord.common.server;

import io.concord.common.config.ConfigException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every service's {@code main} does: parse the config (exit 2 listing every problem), start (exit 1 if that fails), close on SIGTERM. */
public final class ProcessMain {
    private static final Logger log = LoggerFactory.getLogger(ProcessMain.class);

    @FunctionalInterface
    public interface Starter<C> {
        AutoCloseable start(C config) throws Exception;
    }

    private ProcessMain() {}

    /**
     * Exits the process from a thread of its own, so the shutdown hook (which closes the service) can
     * run while the caller carries on. Used by a service that decides to stop by itself (a drained ws-node).
     */
    public static void exitLater(String name, int status) {
        Thread.ofPlatform().name(name + "-exit").daemon().start(() -> {
            log.info("{} exiting with status {}", name, status);
            System.exit(status);
        });
    }

    public static <C> void run(String name, Supplier<C> config, Starter<C> starter) throws Exception {
        C parsed;
        try {
            parsed = config.get();
        } catch (ConfigException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        AutoCloseable running;
        try {
            running = starter.start(parsed);
        } catch (Exception | Error e) {
            // Threads started before the failure (pools, servers) would keep a half-started process
            // alive and serving nothing; exit, so a supervisor sees the failure and restarts it.
            log.error("{} could not start", name, e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("{} did not shut down cleanly", name, e);
            }
        }, name + "-shutdown"));
    }
}
