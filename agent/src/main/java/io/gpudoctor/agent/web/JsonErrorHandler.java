package io.gpudoctor.agent.web;

import io.gpudoctor.agent.web.api.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request line or headers over the limit, a malformed request, a
 * request that timed out) in the daemon's JSON error shape instead of Jetty's HTML page, never
 * with a stack trace, and with the status that says whose fault it was: a client's fault is never
 * a 500. A malformed request closes its connection: what follows it on the wire cannot be trusted.
 * Each is counted in {@link BadRequestLog}, never echoed.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final WebLimits limits;
    private final BadRequestLog log;

    JsonErrorHandler(WebLimits limits, BadRequestLog log) {
        this.limits = limits;
        this.log = log;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (status == 500 && timedOut(request.getAttribute(ERROR_EXCEPTION))) {
            // The request (its header, or its body) did not arrive within the idle timeout.
            status = 408;
            response.setStatus(status);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
        if (status == 503 || status == 429) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, limits.retryAfterSeconds());
        }
        if (status == 400 || status == 408 || status == 505) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            log.rejected(status, ClientAddresses.of(request));
        }
        Content.Sink.write(response, true, body(status), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean timedOut(Object failure) {
        for (Throwable cause = failure instanceof Throwable t ? t : null; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Jetty's reason is not quoted: it may echo part of the request. */
    private String body(int status) {
        return switch (status) {
            case 408 -> ErrorDocument.json(ErrorCode.REQUEST_TIMEOUT,
                    "the request did not arrive whole within " + limits.idleTimeout().toSeconds() + " s");
            case 414 -> ErrorDocument.json(ErrorCode.URI_TOO_LONG,
                    "the request line is longer than " + limits.maxRequestHeaderBytes() + " bytes");
            case 431 -> ErrorDocument.json(ErrorCode.HEADERS_TOO_LARGE,
                    "the request headers are larger than " + limits.maxRequestHeaderBytes() + " bytes");
            case 404 -> ErrorDocument.json(ErrorCode.NOT_FOUND, "no such path");
            case 405 -> ErrorDocument.json(ErrorCode.METHOD_NOT_ALLOWED, "only GET and HEAD are served");
            case 503 -> ErrorDocument.json(ErrorCode.OVERLOADED, "the server is busy; try again shortly");
            case 505 -> ErrorDocument.json(ErrorCode.HTTP_VERSION_NOT_SUPPORTED,
                    "only HTTP/1.0 and HTTP/1.1 are served");
            default -> status >= 500
                    ? ErrorDocument.json(ErrorCode.INTERNAL_ERROR, "internal error (HTTP " + status + ")")
                    : ErrorDocument.json(ErrorCode.BAD_REQUEST, "malformed request (HTTP " + status + ")");
        };
    }
}
