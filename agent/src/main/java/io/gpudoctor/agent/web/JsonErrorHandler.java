package io.gpudoctor.agent.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request line or headers over the limit, a malformed request) in
 * the daemon's JSON error shape instead of Jetty's HTML page, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final WebLimits limits;

    JsonErrorHandler(WebLimits limits) {
        this.limits = limits;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
        if (status == 503 || status == 429) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, limits.retryAfterSeconds());
        }
        Content.Sink.write(response, true, body(status), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    /** Jetty's reason is not quoted: it may echo part of the request. */
    private String body(int status) {
        return switch (status) {
            case 414 -> ErrorDocument.json(ErrorCode.URI_TOO_LONG,
                    "the request line is longer than " + limits.maxRequestHeaderBytes() + " bytes");
            case 431 -> ErrorDocument.json(ErrorCode.HEADERS_TOO_LARGE,
                    "the request headers are larger than " + limits.maxRequestHeaderBytes() + " bytes");
            case 404 -> ErrorDocument.json(ErrorCode.NOT_FOUND, "no such path");
            case 405 -> ErrorDocument.json(ErrorCode.METHOD_NOT_ALLOWED, "only GET is served");
            case 503 -> ErrorDocument.json(ErrorCode.OVERLOADED, "the server is unavailable; try again shortly");
            default -> status >= 500
                    ? ErrorDocument.json(ErrorCode.INTERNAL_ERROR, "internal error (HTTP " + status + ")")
                    : ErrorDocument.json(ErrorCode.BAD_REQUEST, "malformed request (HTTP " + status + ")");
        };
    }
}
