package io.gpudoctor.agent.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * At most {@link WebLimits#maxInFlight()} requests answered at once (node_exporter's
 * {@code MaxRequestsInFlight}); the others wait without holding a thread, for at most
 * {@link WebLimits#maxWait()}, then get 503 with {@code Retry-After}. Jetty's {@link QoSHandler}
 * does the waiting; this decides who goes first: the client address with the fewest requests
 * outstanding, so that a client flooding the daemon over many connections waits behind everyone
 * else rather than taking every slot. The probes are exempt, so that load never makes a kubelet
 * restart a daemon that is merely busy.
 */
final class FairAdmission extends QoSHandler {

    /** QoSHandler's priorities should be few and stable: 0 (lowest) to this. */
    static final int TOP_PRIORITY = 10;

    private final ClientAddresses outstanding = new ClientAddresses();

    FairAdmission(WebLimits limits) {
        setMaxRequestCount(limits.maxInFlight());
        // Every connection may have one request waiting; the connection limit bounds them.
        setMaxSuspendedRequestCount(limits.maxConnections());
        setMaxSuspend(limits.maxWait());
        excludePath("/healthz", "/readyz");
    }

    @Override
    public boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        String client = ClientAddresses.of(request);
        outstanding.increment(client);
        // Completed however the request ends, failures and rejections included: the server fails
        // the callback of a handler that threw.
        return super.onConditionsMet(request, response, Callback.from(callback, () -> outstanding.decrement(client)));
    }

    @Override
    protected int getPriority(Request request) {
        return priorityOf(outstanding.count(ClientAddresses.of(request)));
    }

    /** A client's priority with {@code requests} outstanding, this one included. */
    static int priorityOf(int requests) {
        return Math.max(0, TOP_PRIORITY + 1 - requests);
    }
}
