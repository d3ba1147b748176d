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
 * by the driver branch, and does the binary carry code for it.
 */
final class ArchitectureRule {

    static final FindingCode BY_CUDA = FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA;
    static final FindingCode BY_DRIVER = FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER;
    static final FindingCode NOT_IN_BUILD = FindingCode.GPU_ARCH_NOT_IN_BUILD;

    private final CompatTable table;
    private final Remedies remedies;

    ArchitectureRule(CompatTable table, Remedies remedies) {
        this.table = table;
        this.remedies = remedies;
    }

    List<CompatFinding> findings(DriverVersion driver, ToolkitVersion cuda, ComputeCapability gpu) {
        Optional<ArchitectureSupport> architecture = table.architecture(gpu);
        if (architecture.isEmpty()) {
            return List.of();
        }
        List<CompatFinding> findings = new ArrayList<>();
        if (!architecture.get().supportedBy(cuda)) {
            findings.add(byCuda(architecture.get(), cuda, gpu));
        }
        if (!architecture.get().supportedBy(driver)) {
            findings.add(byDriver(architecture.get(), driver, gpu));
        }
        return findings;
    }

    private CompatFinding byCuda(ArchitectureSupport architecture, ToolkitVersion cuda, ComputeCapability gpu) {
        List<String> sourceIds = new ArrayList<>(architecture.sources());
        String subject = architecture.name() + " GPUs (compute capability " + gpu + ")";
        List<TorchWheel> wheels = table.torchWheels().runningOn(gpu);
        if (architecture.introducedInCuda().isPresent()
                && cuda.compareMinorRelease(architecture.introducedInCuda().get()) < 0) {
            ToolkitVersion first = architecture.introducedInCuda().get();
            Optional<TorchWheel> wheel = wheels.stream().filter(w -> w.cuda().compareMinorRelease(first) >= 0).findFirst();
            wheel.ifPresent(w -> sourceIds.addAll(table.torchWheels().sources()));
            return finding(BY_CUDA, "CUDA " + cuda.minorRelease() + " predates " + subject + ".",
                    architecture.name() + " is first supported in CUDA " + first.minorRelease() + "; code built with CUDA "
                            + cuda.minorRelease() + " has no kernels for it and its PTX targets no newer architecture "
                            + "than the toolkit knows.",
                    "Use an image built for CUDA " + first.minorRelease() + " or newer" + torchHint(wheel)
                            + "; check that the host driver meets that release's minimum.",
                    sourceIds);
        }
        ToolkitVersion removed = architecture.removedInCuda().orElseThrow();
        String last = architecture.lastCuda().map(ToolkitVersion::minorRelease).orElse("an older release");
        Optional<TorchWheel> wheel = wheels.stream()
                .filter(w -> w.cuda().compareMinorRelease(removed) < 0)
                .reduce((older, newer) -> newer);
        wheel.ifPresent(w -> sourceIds.addAll(table.torchWheels().sources()));
        return finding(BY_CUDA, "CUDA " + cuda.minorRelease() + " no longer supports " + subject + ".",
                "Support for " + architecture.name() + " was removed in CUDA " + removed.minorRelease()
                        + " (its last toolkit is " + last + "): CUDA " + cuda.minorRelease() + " can neither compile "
                        + "for it nor ship libraries that run on it.",
                "Use an image built for CUDA " + last + " or older" + torchHint(wheel) + ".", sourceIds);
    }

    private CompatFinding byDriver(ArchitectureSupport architecture, DriverVersion driver, ComputeCapability gpu) {
        int last = architecture.lastDriverBranch().orElseThrow();
        List<String> sourceIds = new ArrayList<>(architecture.sources());
        Optional<ToolkitRelease> newest = table.toolkitReleases().stream()
                .filter(release -> release.minimumLinuxDriver().branch() <= last)
                .max((a, b) -> a.minimumLinuxDriver().compareTo(b.minimumLinuxDriver()));
        newest.ifPresent(release -> sourceIds.addAll(release.sources()));
        return finding(BY_DRIVER,
                "Driver " + driver + " (R" + driver.branch() + ") no longer supports " + architecture.name()
                        + " GPUs (compute capability " + gpu + ").",
                "R" + last + " is the last driver branch for " + architecture.name() + "; newer branches do not drive "
                        + "it, so neither NVML nor CUDA sees this GPU.",
                "Install a driver from branch R" + last + " or older (e.g. `apt install nvidia-driver-" + last + "`)"
                        + newest.map(release -> "; it runs CUDA up to " + release.release() + " natively").orElse("")
                        + ".",
                sourceIds);
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
        return Optional.of(finding(NOT_IN_BUILD, "The build has no GPU code for compute capability " + gpu + ".",
                "It carries " + build + ": no SASS for " + gpu.major() + ".x at or below " + gpu
                        + " and no PTX at or below " + gpu + " to JIT-compile, so kernels fail with \"no kernel image "
                        + "is available for execution on the device\".",
                fix, sourceIds));
    }

    private static String torchHint(Optional<TorchWheel> wheel) {
        return wheel.map(w -> " (for PyTorch, the " + w.variant() + " wheels: `" + w.installCommand() + "`)").orElse("");
    }

    private CompatFinding finding(FindingCode code, String title, String detail, String fix, List<String> sourceIds) {
        return new CompatFinding(code, Severity.ERROR, title, detail, fix, table.sources(sourceIds));
    }
}
