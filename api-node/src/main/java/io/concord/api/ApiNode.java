package io.concord.api;

import io.concord.common.admin.AdminServer;
import io.concord.common.server.Servers;
import org.eclipse.jetty.server.Server;

/** A running api-node: its REST server, admin server and the clients they share. */
public final class ApiNode implements AutoCloseable {
    private final Server server;
    private final AdminServer admin;
    private final AutoCloseable resources;

    ApiNode(Server server, AdminServer admin, AutoCloseable resources) {
        this.server = server;
        this.admin = admin;
        this.resources = resources;
    }

    public int port() {
        return Servers.port(server);
    }

    public int adminPort() {
        return admin.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/v10";
    }

    @Override
    public void close() throws Exception {
        server.stop();
        admin.close();
        resources.close();
    }
}
