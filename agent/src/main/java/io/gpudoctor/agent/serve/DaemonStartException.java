package io.gpudoctor.agent.serve;

/** The daemon cannot start with its settings; the message is one line a user can act on. */
public final class DaemonStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public DaemonStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
