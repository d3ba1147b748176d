package io.gpudoctor.agent.host.cdi;

/**
 * Why a CDI spec file is unusable, and where.
 *
 * @param line 1-based line in the file, 0 when the problem has no single place (an empty file)
 */
public record CdiProblem(int line, String problem) {

    /** {@code /etc/cdi/nvidia.yaml:12}, or the bare path when the line is not known. */
    public String at(String path) {
        return line > 0 ? path + ":" + line : path;
    }
}
