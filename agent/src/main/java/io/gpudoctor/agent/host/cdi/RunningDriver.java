package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The driver version this node runs, as evidence: what NVML says, else the version in the file
 * name of the library that was chosen (the one a container would get mounted).
 */
final class RunningDriver {

    private RunningDriver() {
    }

    /** Evidence whose {@code observed} is the bare version, e.g. {@code 535.161.07}. */
    static Optional<Evidence> version(GpuInventory inventory) {
        Optional<Evidence> nvml = inventory.nvml().driverVersion()
                .map(v -> new Evidence("nvmlSystemGetDriverVersion", v));
        return nvml.or(() -> Stream.of(inventory.libraries().nvml(), inventory.libraries().cuda())
                .map(LibraryReport::chosen)
                .flatMap(Optional::stream)
                .filter(c -> c.version().isPresent())
                .findFirst()
                .map(RunningDriver::fromLibrary));
    }

    private static Evidence fromLibrary(LibraryCandidate library) {
        return new Evidence(library.realPath().toString(), library.version().orElseThrow());
    }
}
