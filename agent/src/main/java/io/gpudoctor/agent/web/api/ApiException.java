package io.gpudoctor.agent.web.api;

/**
 * A request that gets an error answer rather than its resource: thrown by routes, turned into the
 * JSON error document in one place. Carries no stack trace: it is an expected outcome, not a fault.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
