package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.diagnosis.Evidence;

/**
 * Why a configuration file could not be used: a parse error with its line and column, a value of
 * the wrong type, or a file that could not be read at all.
 *
 * @param path    the host path of the file
 * @param message what is wrong, with the location when there is one ({@code line 3, column 5: ...})
 */
public record ConfigProblem(String path, String message) {

    public Evidence evidence() {
        return new Evidence(path, message);
    }
}
