package io.gpudoctor.agent.serve;

/**
 * A config file serve cannot start with: missing, unreadable, not YAML, an unknown key or a bad
 * value. The message is one line naming the file and, where known, the line and the key.
 */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigFileException(String message) {
        super(message);
    }

    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
