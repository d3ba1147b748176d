package io.gpudoctor.agent.web;

import java.io.IOException;
import java.net.Socket;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's connector, one acceptor and one selector, that closes a connection the
 * {@link ConnectionBudget} refuses as soon as it is accepted, before Jetty builds an endpoint and a
 * connection for it (Jetty then finds the channel closed and drops it quietly).
 */
final class SheddingConnector extends ServerConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SheddingConnector.class);

    private final ConnectionBudget budget;

    SheddingConnector(Server server, ConnectionBudget budget, ConnectionFactory... factories) {
        super(server, 1, 1, factories);
        this.budget = budget;
    }

    @Override
    protected void configure(Socket socket) {
        super.configure(socket);
        if (socket.getInetAddress() != null && budget.refuses(socket.getInetAddress())) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a refused connection: {}", e.toString());
            }
        }
    }
}
