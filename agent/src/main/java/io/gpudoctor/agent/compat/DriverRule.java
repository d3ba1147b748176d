package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps 1 to 4 of the decision order of cuda-compat.md: the toolkit release's minimum driver, then
 * minor version compatibility, then forward compatibility on hardware that supports it, else too old.
 */
final class DriverRule {

    static final FindingCode TOO_OLD = FindingCode.CUDA_DRIVER_TOO_OLD;
    static final FindingCode MINOR_VERSION = FindingCode.CUDA_MINOR_VERSION_COMPAT;
    static final FindingCode FORWARD = FindingCode.CUDA_FORWARD_COMPAT;
    static final FindingCode FORWARD_UNSUPPORTED = FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED;

    private final CompatTable table;
    private final Remedies remedies;

    DriverRule(CompatTable table, Remedies remedies) {
        this.table = table;
        this.remedies = remedies;
    }

    CompatibilityAnswer answer(DriverVersion driver, ToolkitRelease release, Optional<GpuModel> gpu) {
        DriverVersion minimum = release.minimumLinuxDriver();
        List<String> sourceIds = new ArrayList<>(release.sources());
        String needs = "CUDA " + release.release() + " needs driver >= " + minimum + " on Linux x86_64"
                + unconfirmedNote(release) + "; this driver is " + driver + ".";
        if (driver.isAtLeast(minimum)) {
            return answer(Verdict.COMPATIBLE, Optional.empty(), Severity.INFO,
                    "Driver " + driver + " runs CUDA " + release.release() + ".", needs, "Nothing to do.", sourceIds);
        }

        Optional<MinorVersionFamily> family = table.minorVersionFamily(release.cuda().major());
        family.ifPresent(f -> sourceIds.addAll(f.sources()));
        if (family.isPresent() && driver.isAtLeast(family.get().minimumDriver())) {
            return minorVersion(driver, release, gpu, family.get(), needs, sourceIds);
        }

        ForwardCompatibility forward = table.forwardCompatibility();
        sourceIds.addAll(forward.sources());
        String belowFamily = family.map(f -> " Minor version compatibility for CUDA " + f.cudaMajor()
                        + ".x needs " + f.minimumText() + "; this driver is below that too.")
                .orElse(" CUDA " + release.cuda().major() + ".x has no minor version compatibility.");
        Optional<ForwardCompatibility.Package> compat = forward.packageFor(release.cuda());
        if (forward.supports(release.cuda(), driver)) {
            return forwardCompat(driver, release, gpu, compat.orElseThrow(), needs + belowFamily, sourceIds);
        }
        if (forward.newFeatureBranches().contains(driver.branch())) {
            sourceIds.addAll(forward.newFeatureBranchSources());
        }
        String detail = needs + belowFamily + " " + whyNoForwardCompat(driver, release, compat)
                + " CUDA calls fail with cudaErrorInsufficientDriver (\"CUDA driver version is insufficient for CUDA "
                + "runtime version\").";
        List<String> steps = new ArrayList<>(List.of(remedies.upgradeDriver(minimum)));
        remedies.olderImage(driver).ifPresent(step -> {
            steps.add(step.text());
            sourceIds.addAll(step.sourceIds());
        });
        return answer(Verdict.INCOMPATIBLE, Optional.of(TOO_OLD), Severity.ERROR,
                "Driver " + driver + " is too old for CUDA " + release.release() + ".", detail,
                Remedies.either(steps), sourceIds);
    }

    private CompatibilityAnswer minorVersion(DriverVersion driver, ToolkitRelease release, Optional<GpuModel> gpu,
            MinorVersionFamily family, String needs, List<String> sourceIds) {
        String detail = needs + " It is at or above the CUDA " + family.cudaMajor() + ".x minimum for minor version "
                + "compatibility (" + family.minimumText() + "), so code that ships SASS for the GPU runs, with "
                + "these limits: " + String.join("; ", table.minorVersionCaveats()) + ".";
        List<String> steps = new ArrayList<>(List.of(remedies.upgradeDriver(release.minimumLinuxDriver())
                + " for full support, PTX JIT included"));
        ForwardCompatibility forward = table.forwardCompatibility();
        Optional<Boolean> forwardOnGpu = gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility());
        if (forward.supports(release.cuda(), driver) && forwardOnGpu.orElse(true)) {
            sourceIds.addAll(forward.sources());
            String install = Remedies.installCompatPackage(forward.packageFor(release.cuda()).orElseThrow());
            steps.add(forwardOnGpu.isPresent() ? install : "on a data-center GPU, " + install);
        }
        return answer(Verdict.COMPATIBLE_MINOR_VERSION, Optional.of(MINOR_VERSION), Severity.WARN,
                "Driver " + driver + " runs CUDA " + release.release()
                        + " only through minor version compatibility: PTX JIT and newer-driver features are at risk.",
                detail, Remedies.either(steps), sourceIds);
    }

    private CompatibilityAnswer forwardCompat(DriverVersion driver, ToolkitRelease release, Optional<GpuModel> gpu,
            ForwardCompatibility.Package compat, String needs, List<String> sourceIds) {
        String route = " Forward compatibility covers it: " + compat.name() + " supports branch R" + driver.branch()
                + ", on data-center GPUs, Jetson and select NGC Server Ready RTX SKUs only.";
        String error804 = "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE (804, \"forward compatibility was attempted on "
                + "non supported HW\")";
        String upgrade = remedies.upgradeDriver(release.minimumLinuxDriver());
        Optional<Boolean> supported = gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility());
        if (supported.isEmpty()) {
            String which = gpu.map(g -> " The " + g.name() + " may or may not be one of them.").orElse(
                    " No GPU was named.");
            return answer(Verdict.FORWARD_COMPAT, Optional.of(FORWARD), Severity.WARN,
                    "Driver " + driver + " runs CUDA " + release.release() + " only through forward compatibility, "
                            + "and only on a data-center GPU.",
                    needs + route + which + " On a data-center GPU the container must ship " + compat.name()
                            + " and load its libcuda; on GeForce and most workstation cards CUDA fails with "
                            + error804 + ".",
                    Remedies.either(List.of(upgrade, "on a data-center GPU, "
                            + Remedies.installCompatPackage(compat))),
                    sourceIds);
        }
        String gpuName = gpu.orElseThrow().name();
        if (supported.get()) {
            return answer(Verdict.FORWARD_COMPAT, Optional.of(FORWARD), Severity.INFO,
                    "Driver " + driver + " runs CUDA " + release.release() + " on " + gpuName
                            + " through forward compatibility (" + compat.name() + ").",
                    needs + route + " The container must ship " + compat.name() + " and load its libcuda "
                            + "(PTX JIT works this way; OpenGL/Vulkan interop does not).",
                    Remedies.either(List.of(Remedies.installCompatPackage(compat), upgrade)), sourceIds);
        }
        List<String> steps = new ArrayList<>(List.of(upgrade));
        remedies.olderImage(driver).ifPresent(step -> {
            steps.add(step.text());
            sourceIds.addAll(step.sourceIds());
        });
        return answer(Verdict.INCOMPATIBLE, Optional.of(FORWARD_UNSUPPORTED), Severity.ERROR,
                "Driver " + driver + " cannot run CUDA " + release.release() + " on " + gpuName
                        + ": forward compatibility does not work on it.",
                needs + route + " " + gpuName + " is a " + gpu.get().gpuClass().label() + " card: with "
                        + compat.name() + " CUDA fails with " + error804 + ".",
                Remedies.either(steps) + " Take cuda-compat off the image's library path.", sourceIds);
    }

    private static String whyNoForwardCompat(DriverVersion driver, ToolkitRelease release,
            Optional<ForwardCompatibility.Package> compat) {
        if (compat.isEmpty()) {
            return "Forward compatibility does not help: there is no supported cuda-compat package for CUDA "
                    + release.cuda().minorRelease() + ".";
        }
        if (compat.get().branches().contains(driver.branch())) {
            return "Forward compatibility does not help: R" + driver.branch() + " is a new-feature branch, and those "
                    + "are not supported targets.";
        }
        return "Forward compatibility does not help: " + compat.get().name() + " does not support branch R"
                + driver.branch() + " (it supports " + branches(compat.get().branches()) + ").";
    }

    private static String branches(List<Integer> branches) {
        return String.join(", ", branches.stream().map(b -> "R" + b).toList());
    }

    private String unconfirmedNote(ToolkitRelease release) {
        boolean confirmed = table.sources(release.sources()).stream().allMatch(Source::confirmed);
        return confirmed ? "" : " (UNCONFIRMED: this minimum could not be checked against NVIDIA's own page)";
    }

    private CompatibilityAnswer answer(Verdict verdict, Optional<FindingCode> code, Severity severity, String title,
            String detail, String fix, List<String> sourceIds) {
        return new CompatibilityAnswer(verdict, code, severity, title, detail, fix, table.sources(sourceIds));
    }
}
