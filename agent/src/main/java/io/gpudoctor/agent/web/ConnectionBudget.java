package io.gpudoctor.agent.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Makes busy keep-alive connections give way. Jetty's {@code NetworkConnectionLimit} stops
 * accepting at {@link WebLimits#maxConnections()}, which alone would leave a new scraper in the
 * kernel's accept queue for as long as a flood keeps its connections busy. So from
 * {@link WebLimits#drainingConnections()} open connections on, and for a client address holding more
 * than {@link WebLimits#maxConnectionsPerClient()}, every answer closes its connection: the flood's
 * connections turn over one request at a time, and a newcomer is accepted in the kernel's FIFO order
 * among them.
 */
final class ConnectionBudget extends Handler.Wrapper implements Connection.Listener {

    private final WebLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ClientAddresses perClient = new ClientAddresses();
    private final Map<Connection, String> clientOf = new ConcurrentHashMap<>();

    ConnectionBudget(WebLimits limits) {
        this.limits = limits;
    }

    @Override
    public void onOpened(Connection connection) {
        // Under TLS both the TLS and the HTTP connection open: count the HTTP one, the one requests see.
        if (connection instanceof ConnectionMetaData http) {
            String client = ClientAddresses.of(http.getRemoteSocketAddress());
            clientOf.put(connection, client);
            perClient.increment(client);
            open.incrementAndGet();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String client = clientOf.remove(connection);
        if (client != null) {
            perClient.decrement(client);
            open.decrementAndGet();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (mustClose(ClientAddresses.of(request))) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        return super.handle(request, response, callback);
    }

    /** Whether an answer to {@code client} should close its connection now. */
    boolean mustClose(String client) {
        return open.get() >= limits.drainingConnections() || perClient.count(client) > limits.maxConnectionsPerClient();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }
}
