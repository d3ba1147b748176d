package io.gpudoctor.agent.driver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the NVIDIA driver is to be reached: the host root whose libraries are searched, what to
 * do about each library, or a simulated driver instead of the real one.
 */
public record DriverOptions(Path rootfs, LibraryChoice nvml, LibraryChoice cuda, Optional<String> simulate) {

    public static DriverOptions host(Path rootfs) {
        return new DriverOptions(rootfs, LibraryChoice.SEARCH, LibraryChoice.SEARCH, Optional.empty());
    }
}
