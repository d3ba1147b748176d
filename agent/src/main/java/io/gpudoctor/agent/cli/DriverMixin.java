package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.driver.LibraryChoice;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that say where the driver is: shared by serve, diagnose and gpus. */
final class DriverMixin {

    /** The system property holding the shipped scenarios' names, set before the help is built. */
    static final String SCENARIOS_PROPERTY = "gpu-doctor.scenarios";

    @Option(names = "--path.rootfs", paramLabel = "DIR", defaultValue = "/",
            description = "Host root: host files and the NVIDIA libraries are read under it (default: ${DEFAULT-VALUE}).")
    Path rootfs;

    @Option(names = "--nvml.library", paramLabel = "PATH|none",
            description = "Load NVML from this file, or 'none' to not load it (default: search the root).")
    String nvmlLibrary;

    @Option(names = "--cuda.library", paramLabel = "PATH|none",
            description = "Load libcuda from this file, or 'none' to not load it (default: search the root).")
    String cudaLibrary;

    @Option(names = "--simulate", paramLabel = "NAME|DIR",
            description = "Use a simulated driver and host: a scenario shipped with gpu-doctor (${sys:"
                    + SCENARIOS_PROPERTY + "}), or a folder.")
    String simulate;

    DriverOptions toOptions() {
        return new DriverOptions(rootfs, LibraryChoice.parse(nvmlLibrary), LibraryChoice.parse(cudaLibrary),
                Optional.ofNullable(simulate));
    }
}
