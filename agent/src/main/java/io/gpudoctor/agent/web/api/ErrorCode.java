package io.gpudoctor.agent.web.api;

/**
 * The {@code code} of an HTTP error answer ({@code {"error": {"code": ..., "message": ...}}}) and
 * the status it goes with. Codes are API, like finding codes: add new ones, never rename.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_CONTAINER_REF(400),
    AMBIGUOUS_CONTAINER_REF(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONTAINER_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    REQUEST_TIMEOUT(408),
    URI_TOO_LONG(414),
    HEADERS_TOO_LARGE(431),
    TOO_MANY_REQUESTS(429),
    INTERNAL_ERROR(500),
    OVERLOADED(503),
    NOT_READY(503),
    HTTP_VERSION_NOT_SUPPORTED(505);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Whether a client should come back later: the answer then carries {@code Retry-After}. */
    public boolean retryLater() {
        return status == 503 || status == 429;
    }
}
