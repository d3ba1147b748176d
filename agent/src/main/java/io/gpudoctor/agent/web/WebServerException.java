package io.gpudoctor.agent.web;

/** The HTTP server could not start: the message is one line for a person (address in use, no permission). */
public final class WebServerException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebServerException(String message) {
        super(message, null, false, false);
    }
}
