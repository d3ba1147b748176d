package io.gpudoctor.agent.host.packages;

import java.util.Map;
import java.util.Optional;

/**
 * Installed packages and their versions, from the dpkg status database (Debian, Ubuntu).
 *
 * @param source  the database read, for evidence ({@code /var/lib/dpkg/status})
 * @param problem why nothing could be read; empty when the database was read
 */
public record InstalledPackages(String source, Map<String, String> versions, String problem) {

    public InstalledPackages {
        versions = Map.copyOf(versions);
    }

    /** The installed version of a package, e.g. {@code 1.17.8-1}. */
    public Optional<String> version(String name) {
        return Optional.ofNullable(versions.get(name));
    }
}
