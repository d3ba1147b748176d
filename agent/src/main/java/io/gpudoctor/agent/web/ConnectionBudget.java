package io.gpudoctor.agent.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the open connections without locking anyone out. A connection past
 * {@link WebLimits#maxConnections()} is accepted, and the oldest connection of the client address
 * holding the most is closed for it: a flood from one address (or a few) pays for every newcomer,
 * while a scraper's single keep-alive connection, and a new client's, stay. Pausing the acceptor
 * instead (Jetty's {@code NetworkConnectionLimit}) would leave every newcomer in the kernel's accept
 * queue for as long as the flood keeps its connections busy. And a client holding more than
 * {@link WebLimits#maxConnectionsPerClient()} has each answer close its connection, so that its
 * connections turn over one request at a time.
 */
final class ConnectionBudget extends Handler.Wrapper implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

    private final WebLimits limits;
    /** Each client's connections, oldest first; guarded by {@code this}. */
    private final Map<String, Deque<Connection>> byClient = new HashMap<>();
    private final Map<Connection, String> clientOf = new HashMap<>();
    private long evicted;

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
            clientOf.put(connection, client);
            byClient.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(connection);
            victim = clientOf.size() > limits.maxConnections() ? oldestOfTheLargestClient() : Optional.empty();
        }
        victim.ifPresent(this::evict);
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

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (overShare(ClientAddresses.of(request))) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        return super.handle(request, response, callback);
    }

    /** Whether {@code client} holds more connections than its share. */
    synchronized boolean overShare(String client) {
        Deque<Connection> connections = byClient.get(client);
        return connections != null && connections.size() > limits.maxConnectionsPerClient();
    }

    /** Connections open now. */
    synchronized int open() {
        return clientOf.size();
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

    private void evict(Connection victim) {
        long count;
        synchronized (this) {
            count = ++evicted;
        }
        // Once per thousand, not per eviction: a flood evicts thousands a second.
        if (count % 1000 == 1) {
            LOG.warn("{} connections open: closing the oldest ones of the clients that hold the most"
                    + " ({} closed so far)", limits.maxConnections(), count);
        }
        victim.close();
    }
}
