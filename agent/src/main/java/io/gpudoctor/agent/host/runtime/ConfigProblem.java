package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.diagnosis.Evidence;

/**
 * Why a configuration file could not be used: a parse error with its line and column, a value of
 * the wrong type, or a file that could not be read at all.
 *
 * @param path    the host path of the file
 * @param message what is wrong, with the location when there is one ({@code line 3, column 5: ...})
 * @param unread  the file could not be read, so nothing is known of its contents
 */
public record ConfigProblem(String path, String message, boolean unread) {

    public ConfigProblem(String path, String message) {
        this(path, message, false);
    }

    /** A file that exists but could not be read: a FIFO, a device, a symlink loop, too large, denied. */
    public static ConfigProblem unread(String path, String why) {
        return new ConfigProblem(path, "could not read " + path + " (" + why + ")", true);
    }

    public Evidence evidence() {
        return new Evidence(path, message);
    }
}
