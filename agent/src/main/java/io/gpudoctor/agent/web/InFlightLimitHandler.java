package io.gpudoctor.agent.web;

import java.util.Set;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves at most {@link WebLimits#maxInFlight()} requests at once and answers the next one 503
 * with {@code Retry-After} at once: a queue would only make every client wait (node_exporter's
 * {@code MaxRequestsInFlight}). The probes are exempt, so that load never makes a kubelet restart
 * a daemon that is merely busy.
 */
final class InFlightLimitHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightLimitHandler.class);
    private static final Set<String> EXEMPT = Set.of("/healthz", "/readyz");

    private final Semaphore permits;
    private final WebLimits limits;

    InFlightLimitHandler(WebLimits limits) {
        this.permits = new Semaphore(limits.maxInFlight());
        this.limits = limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (EXEMPT.contains(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (!permits.tryAcquire()) {
            LOG.debug("refused a request: {} requests in flight already", limits.maxInFlight());
            response.setStatus(ErrorCode.OVERLOADED.status());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, limits.retryAfterSeconds());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
            Content.Sink.write(response, true, ErrorDocument.json(ErrorCode.OVERLOADED,
                    limits.maxInFlight() + " requests are being served already; try again shortly"), callback);
            return true;
        }
        boolean handled = false;
        try {
            handled = super.handle(request, response, Callback.from(callback, (Runnable) permits::release));
            return handled;
        } finally {
            if (!handled) {
                permits.release();
            }
        }
    }
}
