package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The version of the driver this node runs, and where it was read. NVML's answer when it gave one;
 * else the loaded kernel module's, which is the running driver even when the userspace libraries
 * are of another version or cannot be loaded (a driver upgraded without a reboot, gpu-doctor in a
 * container without the host's libraries); else the version in the file name of the library chosen.
 * Every judgement that needs "the driver version" asks this, so that NVML failing, exactly when
 * people run gpu-doctor, does not silence them.
 *
 * @param version the bare version, e.g. {@code 535.161.07}
 * @param source  where it was read: {@value #NVML}, the module's version file, or the library's path
 */
public record RunningDriver(String version, String source) {

    /** The source of a version NVML gave. */
    public static final String NVML = "nvmlSystemGetDriverVersion";

    /** The running driver of a probed host: its GPU inventory and kernel module facts. */
    public static Optional<RunningDriver> of(HostFacts facts) {
        return of(facts.find(GpuInventory.class), facts.find(KernelModuleFacts.class).flatMap(RunningDriver::module));
    }

    /**
     * The running driver from what NVML and the libraries said and from the kernel module's version.
     *
     * @param kernelModule the module's version with its file, empty when it is not loaded or was not read
     */
    public static Optional<RunningDriver> of(Optional<GpuInventory> inventory, Optional<RunningDriver> kernelModule) {
        return inventory.flatMap(i -> i.nvml().driverVersion()).map(v -> new RunningDriver(v, NVML))
                .or(() -> kernelModule)
                .or(() -> inventory.flatMap(RunningDriver::library));
    }

    /** The loaded module's version, read from {@link KernelModuleFacts#versionSource()}. */
    public static Optional<RunningDriver> module(KernelModuleFacts module) {
        return module.version().map(v -> new RunningDriver(v, module.versionSource()));
    }

    /** Whether NVML said it; otherwise NVML's other answers (the CUDA version it supports) are missing too. */
    public boolean fromNvml() {
        return source.equals(NVML);
    }

    /** {@code 535.161.07 (/proc/driver/nvidia/version)}: the version with its source, for a sentence. */
    public String described() {
        return version + " (" + source + ")";
    }

    private static Optional<RunningDriver> library(GpuInventory inventory) {
        return Stream.of(inventory.libraries().nvml(), inventory.libraries().cuda())
                .map(LibraryReport::chosen)
                .flatMap(Optional::stream)
                .filter(c -> c.version().isPresent())
                .findFirst()
                .map(RunningDriver::fromFileName);
    }

    private static RunningDriver fromFileName(LibraryCandidate library) {
        return new RunningDriver(library.version().orElseThrow(), library.realPath().toString());
    }
}
