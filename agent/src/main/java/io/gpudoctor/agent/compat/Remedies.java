package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The concrete steps the answers recommend, worded once: upgrade the driver, use an older image or
 * torch wheel, install cuda-compat. Every step is checked against the GPU when one is known, so that
 * no step is offered that could not work on it: no driver branch that does not drive it, no image
 * built for a CUDA release it predates or outlived.
 */
final class Remedies {

    private final CompatTable table;

    Remedies(CompatTable table) {
        this.table = table;
    }

    /** The GPU an answer is about, as far as the steps care: its architecture and compute capability. */
    record Target(Optional<ArchitectureSupport> architecture, Optional<ComputeCapability> capability) {
    }

    Target target(Optional<GpuModel> gpu) {
        Optional<ComputeCapability> capability = gpu.map(GpuModel::computeCapability);
        return new Target(capability.flatMap(table::architecture), capability);
    }

    /**
     * "upgrade the host driver to >= 570.124.06 (e.g. `apt install nvidia-driver-570`)", raised to the
     * GPU's first driver branch; empty when the GPU's last branch is older than the minimum.
     */
    Optional<String> upgradeDriver(DriverVersion minimum, Target gpu) {
        Optional<ArchitectureSupport> architecture = gpu.architecture();
        if (architecture.flatMap(ArchitectureSupport::lastDriverBranch).filter(last -> minimum.branch() > last)
                .isPresent()) {
            return Optional.empty();
        }
        DriverVersion target = architecture.flatMap(ArchitectureSupport::firstDriverBranch)
                .filter(first -> minimum.branch() < first)
                .map(DriverVersion::branchFloor)
                .orElse(minimum);
        String version = target.fields().size() == 1 ? "R" + target.branch() + " or newer" : ">= " + target;
        return Optional.of("upgrade the host driver to " + version + " (e.g. `apt install nvidia-driver-"
                + target.branch() + "` or the R" + target.branch() + " data-center driver)");
    }

    /** The newest toolkit release this driver meets the Table 3 minimum of. */
    Optional<ToolkitRelease> newestNativeRelease(DriverVersion driver) {
        return table.toolkitReleases().stream()
                .filter(release -> driver.isAtLeast(release.minimumLinuxDriver()))
                .max((a, b) -> a.minimumLinuxDriver().compareTo(b.minimumLinuxDriver()));
    }

    /** A recommended step and the sources of the numbers in it beyond those the answer already cites. */
    record Step(String text, List<String> sourceIds) {
    }

    /**
     * "use an image built for CUDA 12.9 or older (driver 535.104.05 runs 12.2 Update 2 natively and every
     * 12.x through minor version compatibility); for PyTorch, ... cu121", or empty when no image would
     * run: the driver runs no release in the table, does not drive the GPU, or runs no CUDA the GPU can use.
     */
    Optional<Step> olderImage(DriverVersion driver, Target gpu) {
        if (gpu.architecture().filter(a -> !a.supportedBy(driver)).isPresent()) {
            return Optional.empty();
        }
        return newestNativeRelease(driver).flatMap(nativeRelease -> {
            List<String> sourceIds = new ArrayList<>();
            Optional<MinorVersionFamily> family = table.minorVersionFamily(nativeRelease.cuda().major())
                    .filter(f -> driver.isAtLeast(f.minimumDriver()));
            ToolkitVersion ceiling = family.map(f -> newestMinorOf(f.cudaMajor())).orElse(nativeRelease.cuda());
            family.ifPresent(f -> sourceIds.addAll(f.sources()));
            ToolkitVersion capped = gpu.architecture().map(a -> a.cap(ceiling)).orElse(ceiling);
            Optional<ToolkitVersion> floor = gpu.architecture().flatMap(ArchitectureSupport::introducedInCuda);
            if (floor.filter(first -> first.compareMinorRelease(capped) > 0).isPresent()) {
                return Optional.empty();
            }
            gpu.architecture().ifPresent(a -> sourceIds.addAll(a.sources()));
            String range = floor.filter(first -> first.compareMinorRelease(oldestRow()) > 0)
                    .map(first -> "CUDA " + first.minorRelease() + " to " + capped.minorRelease())
                    .orElse("CUDA " + capped.minorRelease() + " or older");
            String why = family.filter(f -> capped.compareMinorRelease(nativeRelease.cuda()) > 0)
                    .map(f -> "driver " + driver + " runs " + nativeRelease.release() + " natively and every "
                            + f.cudaMajor() + ".x through minor version compatibility")
                    .orElse("the newest this driver runs natively is " + nativeRelease.release());
            String step = "use an image built for " + range + " (" + why + ")";
            // The wheel stays within what the driver runs natively: a wheel's libraries may need what minor
            // version compatibility leaves out (PTX JIT, newer driver features).
            ToolkitVersion wheelCeiling = capped.compareMinorRelease(nativeRelease.cuda()) < 0 ? capped
                    : nativeRelease.cuda();
            Optional<TorchWheel> wheel = table.torchWheels().variants().stream()
                    .filter(w -> w.cuda().compareMinorRelease(wheelCeiling) <= 0)
                    .filter(w -> floor.map(first -> w.cuda().compareMinorRelease(first) >= 0).orElse(true))
                    .filter(w -> gpu.capability().flatMap(c -> w.architectures().map(build -> build.runsOn(c)))
                            .orElse(true))
                    .max((a, b) -> a.cuda().compareMinorRelease(b.cuda()));
            wheel.ifPresent(w -> sourceIds.addAll(table.torchWheels().sources()));
            return Optional.of(new Step(step + wheel.map(w -> "; for PyTorch, a wheel it runs natively, " + w.variant() + ": `"
                    + w.installCommand() + "`").orElse(""), sourceIds));
        });
    }

    private ToolkitVersion newestMinorOf(int major) {
        return table.toolkitReleases().stream().map(ToolkitRelease::cuda).filter(c -> c.major() == major)
                .max(ToolkitVersion::compareMinorRelease).orElseThrow();
    }

    private ToolkitVersion oldestRow() {
        return table.toolkitReleases().stream().map(ToolkitRelease::cuda).min(ToolkitVersion::compareMinorRelease)
                .orElseThrow();
    }

    /** "install cuda-compat-12-8 in the image and put /usr/local/cuda-12.8/compat on LD_LIBRARY_PATH". */
    static String installCompatPackage(ForwardCompatibility.Package compat) {
        return "install " + compat.name() + " in the image (`apt install " + compat.name() + "` from NVIDIA's CUDA "
                + "repository) and put " + compat.libraryDirectory() + " on LD_LIBRARY_PATH";
    }

    /** Steps joined as one sentence: "Upgrade ...; or use ...". */
    static String either(List<String> steps) {
        String joined = String.join("; or ", steps);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }
}
