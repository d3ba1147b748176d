package io.gpudoctor.agent.web;

import io.gpudoctor.agent.web.api.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request header has not arrived whole within {@code timeout} of the
 * connection opening, or of the previous response on it. Jetty's idle timeout alone does not stop
 * a slowloris client: each byte it dribbles resets the idle timeout, and a 16 KiB header at one
 * byte every few seconds holds the connection for hours. Jetty 12 has no header timeout of its own
 * (its minimum data rate covers request bodies only), hence this: a connection listener that arms
 * a deadline, and a handler that sees each request whose header did arrive.
 *
 * <p>On stop it drops at once every connection waiting for a request header, rather than leaving
 * Jetty's graceful stop to wait out their shortened idle timeouts; requests already handled finish.
 */
final class RequestHeaderTimeout extends Handler.Wrapper implements Connection.Listener, Graceful {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeaderTimeout.class);

    private final long timeoutMillis;
    private final Consumer<String> onRequestTimeout;
    private final Map<Connection, Deadline> deadlines = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** The whole 408 answer, in the daemon's error shape: written on the raw connection, past any handler. */
    private static final byte[] TIMED_OUT;

    static {
        byte[] body = ErrorDocument.json(ErrorCode.REQUEST_TIMEOUT, "the request header did not arrive whole in time")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: " + ErrorDocument.CONTENT_TYPE
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer whole = ByteBuffer.allocate(head.length() + body.length);
        whole.put(head.getBytes(StandardCharsets.US_ASCII)).put(body);
        TIMED_OUT = whole.array();
    }

    /**
     * @param timeout          how long a request header may take
     * @param onRequestTimeout told the client address of each connection closed with a 408 (for the bad-request log)
     */
    RequestHeaderTimeout(Duration timeout, Consumer<String> onRequestTimeout) {
        this.timeoutMillis = timeout.toMillis();
        this.onRequestTimeout = onRequestTimeout;
    }

    @Override
    public void onOpened(Connection connection) {
        // Only the HTTP connection sees requests; under TLS it opens with the TLS connection, so the
        // deadline also covers the handshake.
        if (connection instanceof ConnectionMetaData http) {
            Deadline deadline = new Deadline(http);
            deadlines.put(connection, deadline);
            deadline.arm(0);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Deadline deadline = deadlines.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Deadline deadline = deadlines.get(request.getConnectionMetaData().getConnection());
        if (deadline == null) {
            return super.handle(request, response, callback);
        }
        long seen = deadline.met();
        // The next request's deadline starts when this one's response is done (or has failed).
        boolean handled = super.handle(request, response, Callback.from(callback, () -> deadline.arm(seen)));
        if (!handled) {
            deadline.arm(seen);
        }
        return handled;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        stopping = true;
        deadlines.values().forEach(Deadline::dropIfWaiting);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return stopping;
    }

    /** Whether the parser holds part of a request header: begun, not yet whole. */
    static boolean headerUnderway(HttpParser parser) {
        return !parser.isStart() && parser.inHeaderState();
    }

    /** One connection's deadline for its next request header. */
    private final class Deadline {

        private final ConnectionMetaData http;
        /** Requests whose header arrived: a deadline that fires after another one arrived is stale. */
        private final AtomicLong requests = new AtomicLong();
        /** The request count the deadline was last armed at: equal to {@code requests} while waiting. */
        private volatile long armedAt = -1;
        /** Set once the connection is being closed, so that a stop and a deadline do not both write a 408. */
        private final AtomicBoolean dropping = new AtomicBoolean();
        private volatile Scheduler.Task task;

        Deadline(ConnectionMetaData http) {
            this.http = http;
        }

        /**
         * Closes the connection unless a request header arrives within the timeout, counting from
         * the {@code seen}th request; nothing to arm if another one has arrived already (Jetty may
         * read the next request before the previous response's callback has run). While stopping,
         * the connection is dropped at once instead.
         */
        void arm(long seen) {
            if (requests.get() != seen) {
                return;
            }
            armedAt = seen;
            if (stopping) {
                drop(false);
                return;
            }
            task = http.getConnector().getScheduler().schedule(() -> {
                if (requests.get() == seen) {
                    LOG.debug("closing the connection from {}: no whole request header within {} ms",
                            http.getRemoteSocketAddress(), timeoutMillis);
                    drop(true);
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** Drops the connection if it is waiting for a request header: the server is stopping. */
        void dropIfWaiting() {
            if (armedAt == requests.get()) {
                cancel();
                drop(false);
            }
        }

        /**
         * Closes the connection; one that had sent part of a request header is told 408 first
         * (RFC 9110 §15.5.9), one that sent nothing since its last answer is just closed, and one
         * whose header arrived whole (its handler not yet called) is left to be answered.
         *
         * @param timedOut whether its deadline passed (logged as a rejected request), rather than the server stopping
         */
        private void drop(boolean timedOut) {
            Connection connection = http.getConnection();
            HttpParser parser = connection instanceof HttpConnection parsing ? parsing.getParser() : null;
            if (parser == null || parser.isStart()) {
                if (dropping.compareAndSet(false, true)) {
                    connection.close();
                }
            } else if (headerUnderway(parser) && dropping.compareAndSet(false, true)) {
                if (timedOut) {
                    onRequestTimeout.accept(ClientAddresses.of(http.getRemoteSocketAddress()));
                }
                connection.getEndPoint().write(Callback.from(connection::close, failure -> connection.close()),
                        ByteBuffer.wrap(TIMED_OUT));
            }
        }

        /** A request header arrived: no deadline until its response is done. Returns the requests so far. */
        long met() {
            long seen = requests.incrementAndGet();
            cancel();
            return seen;
        }

        /** Drops the pending deadline, so that it does not sit in the scheduler's queue. */
        void cancel() {
            Scheduler.Task pending = task;
            if (pending != null) {
                pending.cancel();
            }
        }
    }
}
