package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.nvml.ComputeCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GPU checks after the driver ones: is the GPU's architecture supported by the CUDA version,
 * by the driver branch (neither older than the GPU nor past its last branch), and does the binary
 * carry code for it.
 */
final class ArchitectureRule {

    static final FindingCode BY_CUDA = FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA;
    static final FindingCode BY_DRIVER = FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER;
    static final FindingCode NOT_IN_BUILD = FindingCode.GPU_ARCH_NOT_IN_BUILD;

    private final CompatTable table;

    ArchitectureRule(CompatTable table) {
        this.table = table;
    }

    /** GPU_ARCH_UNSUPPORTED_BY_CUDA when the CUDA release predates or outlived the GPU's architecture. */
    Optional<CompatFinding> cudaFinding(ToolkitVersion cuda, ComputeCapability gpu) {
        return table.architecture(gpu).flatMap(architecture -> {
            if (architecture.predates(cuda)) {
                return Optional.of(predates(architecture, cuda, gpu));
            }
            if (architecture.droppedBy(cuda)) {
                return Optional.of(outlived(architecture, cuda, gpu));
            }
            return Optional.empty();
        });
    }

    /** GPU_ARCH_UNSUPPORTED_BY_DRIVER when the driver's branch is older than the GPU or past its last branch. */
    Optional<CompatFinding> driverFinding(DriverVersion driver, ComputeCapability gpu) {
        return table.architecture(gpu).filter(architecture -> !architecture.supportedBy(driver))
                .map(architecture -> architecture.predates(driver)
                        ? driverPredates(architecture, driver, gpu)
                        : driverDropped(architecture, driver, gpu));
    }

    /**
     * Code built with a CUDA release older than the architecture has no SASS for it, but PTX it embeds
     * for an older architecture is JIT-compiled by the driver [BWCG]: a warning, not a certain failure.
     */
    private CompatFinding predates(ArchitectureSupport architecture, ToolkitVersion cuda, ComputeCapability gpu) {
        List<String> sourceIds = new ArrayList<>(architecture.sources());
        ToolkitVersion first = architecture.introducedInCuda().orElseThrow();
        Optional<TorchWheel> wheel = table.torchWheels().runningOn(gpu).stream()
                .filter(w -> w.cuda().compareMinorRelease(first) >= 0).findFirst();
        wheel.ifPresent(w -> sourceIds.addAll(table.torchWheels().sources()));
        return new CompatFinding(BY_CUDA, Severity.WARN,
                "CUDA " + cuda.minorRelease() + " predates " + subject(architecture, gpu) + ".",
                architecture.name() + " is first supported in CUDA " + first.minorRelease() + ": CUDA "
                        + cuda.minorRelease() + " cannot compile SASS for it, so code built with it runs only "
                        + "where it embeds PTX, which the driver JIT-compiles at the first launch (slower to start). "
                        + "Kernels shipped as SASS only, as in many prebuilt libraries and framework wheels, fail "
                        + "with \"no kernel image is available for execution on the device\".",
                "Use an image built for CUDA " + first.minorRelease() + " or newer" + torchHint(wheel)
                        + ", and a host driver that meets that release's minimum; to test the current image, run it "
                        + "with CUDA_FORCE_PTX_JIT=1 on a GPU it does support.",
                table.sources(sourceIds));
    }

    private CompatFinding outlived(ArchitectureSupport architecture, ToolkitVersion cuda, ComputeCapability gpu) {
        List<String> sourceIds = new ArrayList<>(architecture.sources());
        ToolkitVersion removed = architecture.removedInCuda().orElseThrow();
        String last = architecture.lastCuda().map(ToolkitVersion::minorRelease).orElse("an older release");
        Optional<TorchWheel> wheel = table.torchWheels().runningOn(gpu).stream()
                .filter(w -> w.cuda().compareMinorRelease(removed) < 0)
                .reduce((older, newer) -> newer);
        wheel.ifPresent(w -> sourceIds.addAll(table.torchWheels().sources()));
        return new CompatFinding(BY_CUDA, Severity.ERROR,
                "CUDA " + cuda.minorRelease() + " no longer supports " + subject(architecture, gpu) + ".",
                "Support for " + architecture.name() + " was removed in CUDA " + removed.minorRelease()
                        + " (its last toolkit is " + last + "): CUDA " + cuda.minorRelease() + " can neither compile "
                        + "for it nor ship libraries that run on it, and its PTX targets newer GPUs only.",
                "Use an image built for CUDA " + last + " or older" + torchHint(wheel) + ".", table.sources(sourceIds));
    }

    private CompatFinding driverPredates(ArchitectureSupport architecture, DriverVersion driver,
            ComputeCapability gpu) {
        int first = architecture.firstDriverBranch().orElseThrow();
        String range = "R" + first + architecture.lastDriverBranch().map(last -> " to R" + last).orElse(" or newer");
        return new CompatFinding(BY_DRIVER, Severity.ERROR,
                "Driver " + driver + " (R" + driver.branch() + ") predates " + subject(architecture, gpu) + ".",
                "The first driver branch for " + architecture.name() + " is R" + first + ": R" + driver.branch()
                        + " does not know the GPU, so neither NVML nor CUDA can use it, and no CUDA version or "
                        + "cuda-compat package changes that.",
                "Install a driver from branch " + range + " (e.g. `apt install nvidia-driver-" + first + "` or the R"
                        + first + " data-center driver).",
                table.sources(architecture.sources()));
    }

    private CompatFinding driverDropped(ArchitectureSupport architecture, DriverVersion driver,
            ComputeCapability gpu) {
        int last = architecture.lastDriverBranch().orElseThrow();
        List<String> sourceIds = new ArrayList<>(architecture.sources());
        Optional<ToolkitRelease> newest = table.toolkitReleases().stream()
                .filter(release -> release.minimumLinuxDriver().branch() <= last)
                .filter(release -> architecture.supportedBy(release.cuda()))
                .max((a, b) -> a.minimumLinuxDriver().compareTo(b.minimumLinuxDriver()));
        newest.ifPresent(release -> sourceIds.addAll(release.sources()));
        return new CompatFinding(BY_DRIVER, Severity.ERROR,
                "Driver " + driver + " (R" + driver.branch() + ") no longer supports " + subject(architecture, gpu)
                        + ".",
                "R" + last + " is the last driver branch for " + architecture.name() + "; newer branches do not drive "
                        + "it, so neither NVML nor CUDA sees this GPU.",
                "Install a driver from branch R" + last + " or older (e.g. `apt install nvidia-driver-" + last + "`)"
                        + newest.map(release -> "; it runs CUDA up to " + release.release() + " natively, the newest CUDA for "
                                + architecture.name() + " it drives").orElse("")
                        + ".",
                table.sources(sourceIds));
    }

    Optional<CompatFinding> buildFinding(BuildArchitectures build, ComputeCapability gpu) {
        if (build.runsOn(gpu)) {
            return Optional.empty();
        }
        List<TorchWheel> wheels = table.torchWheels().runningOn(gpu);
        List<String> sourceIds = wheels.isEmpty() ? List.of() : table.torchWheels().sources();
        String fix = "Use a build that includes sm_" + (gpu.major() * 10 + gpu.minor())
                + (wheels.isEmpty() ? "" : ": for PyTorch, the wheels for "
                        + wheels.stream().map(TorchWheel::variant).collect(Collectors.joining(", "))
                        + " include it (the oldest needs the least driver: `" + wheels.get(0).installCommand() + "`)")
                + ".";
        return Optional.of(new CompatFinding(NOT_IN_BUILD, Severity.ERROR,
                "The build has no GPU code for compute capability " + gpu + ".",
                "It carries " + build + ": no SASS for " + gpu.major() + ".x at or below " + gpu
                        + " and no PTX at or below " + gpu + " to JIT-compile, so kernels fail with \"no kernel image "
                        + "is available for execution on the device\".",
                fix, table.sources(sourceIds)));
    }

    private static String subject(ArchitectureSupport architecture, ComputeCapability gpu) {
        return architecture.name() + " GPUs (compute capability " + gpu + ")";
    }

    private static String torchHint(Optional<TorchWheel> wheel) {
        return wheel.map(w -> " (for PyTorch, the " + w.variant() + " wheels: `" + w.installCommand() + "`)").orElse("");
    }
}
