package io.concord.ws.support;

import io.concord.common.routing.NodeRegistry;
import io.concord.common.test.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A ws-node in its own JVM, so a test can kill it with SIGKILL: no shutdown hook, no socket closed,
 * nothing withdrawn, exactly as a crashed node leaves Redis.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final String url;

    private NodeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the node and waits until it has announced itself; {@code registry} reads where it listens. */
    public static NodeProcess start(int nodeId, NodeRegistry registry, Map<String, String> overrides) throws Exception {
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, "io.concord.ws.Main")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(TestStack.env(Map.of("WS_PORT", "0", "ADMIN_PORT", "0", "NODE_ID", Integer.toString(nodeId))));
        builder.environment().putAll(overrides);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            Optional<NodeRegistry.WsNode> node = registry.alive().stream().filter(n -> n.nodeId() == nodeId).findFirst();
            if (node.isPresent()) return new NodeProcess(process, node.get().url());
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("ws-node " + nodeId + " did not start in its own process");
    }

    public String url() {
        return url;
    }

    /** SIGKILL, and wait until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
