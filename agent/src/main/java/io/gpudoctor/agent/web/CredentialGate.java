package io.gpudoctor.agent.web;

import io.gpudoctor.agent.web.api.ErrorCode;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import io.gpudoctor.agent.web.auth.FailedLoginLimiter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks basic-auth passwords before a request may wait for an in-flight slot, so that no slot and
 * no server thread is ever held while a password waits for bcrypt. A request whose credentials the
 * authenticator remembers (a scraper's, after its first scrape) goes straight on. Any other one
 * takes a token of its client address ({@link FailedLoginLimiter}: 429 when none is left) and
 * queues for the one bcrypt thread; when {@link #QUEUE} checks wait already it gets 503 at once.
 * The check's outcome is remembered by the authenticator, where the access rules find it.
 */
final class CredentialGate extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialGate.class);

    /** Password checks waiting for the bcrypt thread, at most: about three seconds of bcrypt at cost 10. */
    static final int QUEUE = 32;

    private final BasicAuthenticator authenticator;
    private final FailedLoginLimiter limiter;
    private final WebLimits limits;
    private final ThreadPoolExecutor bcrypt;

    CredentialGate(BasicAuthenticator authenticator, FailedLoginLimiter limiter, WebLimits limits) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.limits = limits;
        this.bcrypt = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread thread = new Thread(r, "gpu-doctor-bcrypt");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || authenticator.remembered(authorization).isPresent()) {
            return super.handle(request, response, callback);
        }
        String client = ClientAddresses.of(request);
        if (!limiter.tryAcquire(client)) {
            refuse(response, callback, ErrorCode.TOO_MANY_REQUESTS, Long.toString(limiter.secondsUntilNext(client)),
                    "too many password attempts from this address; try again later");
            return true;
        }
        try {
            bcrypt.execute(() -> checkThenHandle(authorization, client, request, response, callback));
        } catch (RejectedExecutionException e) {
            limiter.refund(client);
            refuse(response, callback, ErrorCode.OVERLOADED, limits.retryAfterSeconds(),
                    QUEUE + " password checks are waiting already; try again shortly");
        }
        return true;
    }

    private void checkThenHandle(String authorization, String client, Request request, Response response,
                                 Callback callback) {
        if (authenticator.authenticate(authorization)) {
            limiter.refund(client);
        }
        // Off the bcrypt thread at once: the rest of the request is the server's work.
        request.getContext().execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable failure) {
                LOG.debug("a request failed after its password check: {}", failure.toString());
                callback.failed(failure);
            }
        });
    }

    private static void refuse(Response response, Callback callback, ErrorCode code, String retryAfter, String message) {
        response.setStatus(code.status());
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
        Content.Sink.write(response, true, ErrorDocument.json(code, message), callback);
    }

    @Override
    protected void doStop() throws Exception {
        bcrypt.shutdownNow();
        super.doStop();
    }
}
