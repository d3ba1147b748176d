package io.gpudoctor.agent.container.facts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container's {@code /proc/<pid>/mountinfo} says about GPUs.
 *
 * @param driverLibraries driver libraries bind-mounted into the container, with their versions
 * @param shmSize         the {@code size=} option of a tmpfs on {@code /dev/shm}, when there is one
 */
public record MountFacts(List<DriverLibraryFile> driverLibraries, Optional<String> shmSize) {

    public MountFacts {
        driverLibraries = List.copyOf(driverLibraries);
        Objects.requireNonNull(shmSize, "shmSize");
    }

    /** Whether a file inside the container is a bind mount of a driver library. */
    public boolean isMounted(String path) {
        return driverLibraries.stream().anyMatch(l -> l.path().equals(path));
    }
}
