package io.gpudoctor.saferoot;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of listing one folder inside a container root.
 *
 * @param path    the path as asked for, inside the container
 * @param status  {@link SafeStatus#OK}, or {@link SafeStatus#TOO_LARGE} when only the first cap entries
 *                were kept, or why nothing was listed
 * @param names   the entries' names, sorted, without {@code .} and {@code ..}; empty unless listed
 * @param problem why the status is not {@code OK}, for people; empty when it is
 */
public record SafeListing(String path, SafeStatus status, List<String> names, String problem) {

    public SafeListing {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        names = List.copyOf(names);
    }

    static SafeListing failed(String path, SafeStatus status, String problem) {
        return new SafeListing(path, status, List.of(), problem);
    }

    /** Whether every entry was listed. */
    public boolean isOk() {
        return status == SafeStatus.OK;
    }
}
