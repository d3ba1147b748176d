package io.gpudoctor.agent.hostfs;

import java.util.Optional;

/**
 * One host file as read: its text, or why there is none. Readers hand this to pure parsers, so
 * that a missing, unreadable or oversized file is a fact for a check, never an exception.
 *
 * @param path    the host path ({@code /etc/docker/daemon.json}), as evidence names it
 * @param problem empty when {@code status} is {@link Status#OK}
 */
public record HostFile(String path, Status status, String text, String problem) {

    /**
     * The problem of a file the running user may not read. Kept as one phrase so that a check can
     * tell "could not look" from "not there" and say that it could not judge.
     */
    public static final String PERMISSION_DENIED = "permission denied";

    /** What became of the read. */
    public enum Status { OK, MISSING, NOT_A_FILE, UNREADABLE, TOO_LARGE }

    public static HostFile ok(String path, String text) {
        return new HostFile(path, Status.OK, text, "");
    }

    public static HostFile failed(String path, Status status, String problem) {
        return new HostFile(path, status, "", problem);
    }

    public boolean exists() {
        return status != Status.MISSING;
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /** The text when the read succeeded. */
    public Optional<String> content() {
        return isOk() ? Optional.of(text) : Optional.empty();
    }
}
