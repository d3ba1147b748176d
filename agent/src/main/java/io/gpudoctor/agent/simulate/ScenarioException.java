package io.gpudoctor.agent.simulate;

/**
 * A scenario that cannot be loaded: missing, unreadable, not YAML, or describing something the
 * simulator refuses. The message is one line that names the file and, where known, the line,
 * column and key, so that it can be shown to a user as it is.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;

    public ScenarioException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public ScenarioException(String source, String problem, Throwable cause) {
        this(source, "", problem, cause);
    }

    /** @param position {@code :LINE:COLUMN}, or empty */
    ScenarioException(String source, String position, String problem, Throwable cause) {
        super(source + position + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or jar resource) the scenario came from. */
    public String source() {
        return source;
    }
}
