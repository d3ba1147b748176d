package io.gpudoctor.agent.web;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the open connections without locking anyone out. A client address already holding
 * {@link WebLimits#maxConnectionsPerClient()} has its next connection closed as soon as it is
 * accepted: a flood from one address costs an accept and a close per try, never a request's work.
 * A connection past {@link WebLimits#maxConnections()} (a flood from many addresses) is accepted and
 * the oldest connection of the client holding the most is closed for it, so that a scraper's single
 * keep-alive connection, and a new client's, stay. Pausing the acceptor instead (Jetty's
 * {@code NetworkConnectionLimit}) would leave every newcomer in the kernel's accept queue for as long
 * as the flood keeps its connections busy.
 */
final class ConnectionBudget implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

    private final WebLimits limits;
    /** Each client's connections, oldest first; guarded by {@code this}. */
    private final Map<String, Deque<Connection>> byClient = new HashMap<>();
    private final Map<Connection, String> clientOf = new HashMap<>();
    private long closed;

    ConnectionBudget(WebLimits limits) {
        this.limits = limits;
    }

    @Override
    public void onOpened(Connection connection) {
        // Under TLS both the TLS and the HTTP connection open: count the HTTP one, the one requests see.
        if (!(connection instanceof ConnectionMetaData http)) {
            return;
        }
        String client = ClientAddresses.of(http.getRemoteSocketAddress());
        Optional<Connection> victim;
        synchronized (this) {
            Deque<Connection> own = byClient.computeIfAbsent(client, c -> new ArrayDeque<>());
            if (own.size() >= limits.maxConnectionsPerClient()) {
                victim = Optional.of(connection);
            } else {
                own.addLast(connection);
                clientOf.put(connection, client);
                victim = clientOf.size() > limits.maxConnections() ? oldestOfTheLargestClient() : Optional.empty();
            }
        }
        victim.ifPresent(this::close);
    }

    /**
     * Whether a connection just accepted from {@code address} is to be closed before the server
     * builds anything for it: its address holds its share already. The acceptor asks, so that a
     * flood reconnecting as fast as it can costs an accept and a close, and the kernel's accept queue
     * keeps moving for everyone else.
     */
    boolean refuses(InetAddress address) {
        boolean atShare;
        synchronized (this) {
            Deque<Connection> own = byClient.get(address.getHostAddress());
            atShare = own != null && own.size() >= limits.maxConnectionsPerClient();
        }
        if (atShare) {
            counted();
        }
        return atShare;
    }

    @Override
    public void onClosed(Connection connection) {
        synchronized (this) {
            String client = clientOf.remove(connection);
            if (client != null) {
                Deque<Connection> connections = byClient.get(client);
                connections.remove(connection);
                if (connections.isEmpty()) {
                    byClient.remove(client);
                }
            }
        }
    }

    private Optional<Connection> oldestOfTheLargestClient() {
        Deque<Connection> largest = null;
        for (Deque<Connection> connections : byClient.values()) {
            if (largest == null || connections.size() > largest.size()) {
                largest = connections;
            }
        }
        return largest == null ? Optional.empty() : Optional.ofNullable(largest.peekFirst());
    }

    private void close(Connection victim) {
        counted();
        victim.close();
    }

    private void counted() {
        long count;
        synchronized (this) {
            count = ++closed;
        }
        // Once per ten thousand, not per connection: a flood is closed thousands of times a second.
        if (count % 10_000 == 1) {
            LOG.warn("connections over the limits ({} in all, {} per client address): closing the newest of a"
                    + " client at its limit, or the oldest of the client holding the most ({} closed so far)",
                    limits.maxConnections(), limits.maxConnectionsPerClient(), count);
        }
    }
}
