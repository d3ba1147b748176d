package io.gpudoctor.agent.web.config;

/**
 * A web config file ({@code --web.config.file}) the daemon refuses to start with. The message is
 * one line for a person, names the file and the key, and never quotes a password or a key.
 */
public final class WebConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebConfigException(String message) {
        super(message, null, false, false);
    }
}
