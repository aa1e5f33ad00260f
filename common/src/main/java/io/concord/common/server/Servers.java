package io.concord.common.server;

import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty servers whose blocking handlers run on virtual threads. */
public final class Servers {
    private Servers() {}

    public static Server create(String name, String host, int port) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName(name);
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-v", 0).factory()));
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(5_000);
        server.setErrorHandler(new JsonErrorHandler());
        return server;
    }

    /** The port a started server listens on (useful with port 0 in tests). */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
