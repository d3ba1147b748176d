package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps 1 to 4 of the decision order of cuda-compat.md: the toolkit release's minimum driver, then
 * minor version compatibility, then forward compatibility on hardware and branches that support it,
 * else too old. A CUDA minor newer than the table's rows is answered by its major's rules.
 */
final class DriverRule {

    static final FindingCode TOO_OLD = FindingCode.CUDA_DRIVER_TOO_OLD;
    static final FindingCode MINOR_VERSION = FindingCode.CUDA_MINOR_VERSION_COMPAT;
    static final FindingCode FORWARD = FindingCode.CUDA_FORWARD_COMPAT;
    static final FindingCode FORWARD_UNSUPPORTED = FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED;

    private static final String ERROR_804 = "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE (804, \"forward "
            + "compatibility was attempted on non supported HW\")";

    private final CompatTable table;
    private final Remedies remedies;

    DriverRule(CompatTable table, Remedies remedies) {
        this.table = table;
        this.remedies = remedies;
    }

    /**
     * What the driver is measured against: the release's name, its own minimum driver where the table
     * has one, the driver to recommend for full support, and the sentence that says so.
     */
    private record Requirement(String name, ToolkitVersion cuda, Optional<DriverVersion> minimum,
            Optional<DriverVersion> upgradeTo, String needs, List<String> sourceIds) {
    }

    CompatibilityAnswer answer(DriverVersion driver, ToolkitRelease release, Optional<GpuModel> gpu, YearMonth today) {
        DriverVersion minimum = release.minimumLinuxDriver();
        String needs = "CUDA " + release.release() + " needs driver >= " + minimum + " on Linux x86_64"
                + unconfirmedNote(release) + "; this driver is " + driver + ".";
        Requirement requirement = new Requirement(release.release(), release.cuda(), Optional.of(minimum),
                Optional.of(minimum), needs, release.sources());
        return decide(driver, requirement, gpu, today);
    }

    /**
     * A minor of the newest CUDA major that the table has no row for: its own minimum driver is unknown
     * here, so the major's minor version compatibility answers, and the forward-compatibility table
     * where it says the branch runs the release natively.
     */
    CompatibilityAnswer answerBeyondTable(DriverVersion driver, ToolkitVersion cuda, Optional<GpuModel> gpu,
            YearMonth today) {
        NewerReleases newer = table.newerReleases();
        String name = newer.name(cuda);
        List<String> sourceIds = new ArrayList<>(newer.sources());
        newer.release(cuda).ifPresent(r -> sourceIds.addAll(r.sources()));
        Optional<Integer> nativeFrom = table.forwardCompatibility().packageFor(cuda)
                .flatMap(ForwardCompatibility.Package::nativeFromBranch);
        nativeFrom.ifPresent(b -> sourceIds.addAll(table.forwardCompatibility().sources()));
        String needs = "This table predates CUDA " + name + ": its Table 3 rows end at CUDA "
                + table.newestRow().minorRelease() + " (NVIDIA has published up to "
                + newer.newestPublished().minorRelease() + "), so the release's own minimum driver is not known "
                + "here" + nativeFrom.map(b -> "; the forward compatibility table says R" + b + " and newer run it "
                        + "natively").orElse("") + ". This driver is " + driver + ".";
        Optional<DriverVersion> nativeFloor = nativeFrom.map(DriverVersion::branchFloor);
        Requirement requirement = new Requirement(name, cuda, nativeFloor, nativeFloor, needs, sourceIds);
        return decide(driver, requirement, gpu, today);
    }

    private CompatibilityAnswer decide(DriverVersion driver, Requirement requirement, Optional<GpuModel> gpu,
            YearMonth today) {
        List<String> sourceIds = new ArrayList<>(requirement.sourceIds());
        if (requirement.minimum().filter(driver::isAtLeast).isPresent()) {
            return answer(Verdict.COMPATIBLE, Optional.empty(), Severity.INFO,
                    "Driver " + driver + " runs CUDA " + requirement.name() + ".", requirement.needs(),
                    "Nothing to do.", sourceIds);
        }
        Remedies.Target target = remedies.target(gpu);
        Optional<MinorVersionFamily> family = table.minorVersionFamily(requirement.cuda().major());
        family.ifPresent(f -> sourceIds.addAll(f.sources()));
        if (family.isPresent() && driver.isAtLeast(family.get().minimumDriver())) {
            return minorVersion(driver, requirement, gpu, target, family.get(), sourceIds, today);
        }

        ForwardCompatibility forward = table.forwardCompatibility();
        sourceIds.addAll(forward.sources());
        String belowFamily = family.map(f -> " Minor version compatibility for CUDA " + f.cudaMajor()
                        + ".x needs " + f.minimumText() + "; this driver is below that too.")
                .orElse(" CUDA " + requirement.cuda().major() + ".x has no minor version compatibility.");
        Optional<ForwardCompatibility.Package> compat = forward.packageFor(requirement.cuda());
        Optional<ArchitectureSupport> undriven = target.architecture().filter(a -> !a.supportedBy(driver));
        if (forward.supports(requirement.cuda(), driver) && undriven.isEmpty()) {
            return forwardCompat(driver, requirement, gpu, target, compat.orElseThrow(),
                    requirement.needs() + belowFamily, sourceIds, today);
        }
        if (forward.newFeatureBranches().contains(driver.branch())) {
            sourceIds.addAll(forward.newFeatureBranchSources());
        }
        String whyNot = undriven.map(a -> "Forward compatibility does not help: R" + driver.branch() + " does not drive "
                + a.name() + " GPUs at all.").orElseGet(() -> whyNoForwardCompat(driver, requirement, compat));
        String detail = requirement.needs() + belowFamily + " " + whyNot
                + " CUDA calls fail with cudaErrorInsufficientDriver (\"CUDA driver version is insufficient for CUDA "
                + "runtime version\").";
        List<String> steps = new ArrayList<>();
        upgrade(requirement, family, target).ifPresent(steps::add);
        olderImage(driver, target, steps, sourceIds);
        return answer(Verdict.INCOMPATIBLE, Optional.of(TOO_OLD), Severity.ERROR,
                "Driver " + driver + " is too old for CUDA " + requirement.name() + ".", detail,
                fix(steps, requirement), sourceIds);
    }

    private CompatibilityAnswer minorVersion(DriverVersion driver, Requirement requirement, Optional<GpuModel> gpu,
            Remedies.Target target, MinorVersionFamily family, List<String> sourceIds, YearMonth today) {
        String detail = requirement.needs() + " It is at or above the CUDA " + family.cudaMajor() + ".x minimum for "
                + "minor version compatibility (" + family.minimumText() + "), so code that ships SASS for the GPU "
                + "runs, with these limits: " + String.join("; ", table.minorVersionCaveats()) + ".";
        List<String> steps = new ArrayList<>();
        requirement.upgradeTo().flatMap(minimum -> remedies.upgradeDriver(minimum, target))
                .or(() -> requirement.upgradeTo().isEmpty()
                        ? Optional.of("upgrade the host driver to the one released with CUDA " + requirement.name()
                                + " or newer (its release notes, Table 3)")
                        : Optional.empty())
                .ifPresent(step -> steps.add(step + " for full support, PTX JIT included"));
        ForwardCompatibility forward = table.forwardCompatibility();
        Optional<Boolean> forwardOnGpu = gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility());
        Optional<DriverBranch> ended = endedBranch(driver, today);
        boolean driven = target.architecture().map(a -> a.supportedBy(driver)).orElse(true);
        if (forward.supports(requirement.cuda(), driver) && forwardOnGpu.orElse(true) && ended.isEmpty() && driven) {
            sourceIds.addAll(forward.sources());
            String install = Remedies.installCompatPackage(forward.packageFor(requirement.cuda()).orElseThrow());
            steps.add(forwardOnGpu.isPresent() ? install : "on a data-center GPU, " + install);
        }
        return answer(Verdict.COMPATIBLE_MINOR_VERSION, Optional.of(MINOR_VERSION), Severity.WARN,
                "Driver " + driver + " runs CUDA " + requirement.name()
                        + " only through minor version compatibility: PTX JIT and newer-driver features are at risk.",
                detail, steps.isEmpty() ? "Keep SASS for this GPU in the build: no newer driver branch drives it."
                        : Remedies.either(steps), sourceIds);
    }

    private CompatibilityAnswer forwardCompat(DriverVersion driver, Requirement requirement, Optional<GpuModel> gpu,
            Remedies.Target target, ForwardCompatibility.Package compat, String needs, List<String> sourceIds,
            YearMonth today) {
        String route = " Forward compatibility covers it: " + compat.name() + " supports branch R" + driver.branch()
                + ", on data-center GPUs, Jetson and select NGC Server Ready RTX SKUs only.";
        Optional<DriverBranch> ended = endedBranch(driver, today);
        String lifecycle = ended.map(b -> " " + b.describe() + " is past its end of life: NVIDIA no longer "
                + "fixes it, security fixes included, so the forward-compatibility route on it is borrowed time.")
                .orElse("");
        Optional<String> upgrade = requirement.upgradeTo().flatMap(minimum -> remedies.upgradeDriver(minimum, target));
        Optional<Boolean> supported = gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility());
        if (supported.orElse(true)) {
            // Only the answers that offer forward compatibility speak of the branch's end of life.
            ended.ifPresent(b -> sourceIds.addAll(b.sources()));
        }
        if (supported.isEmpty()) {
            String which = gpu.map(g -> " The " + g.name() + " may or may not be one of them.").orElse(
                    " No GPU was named.");
            List<String> steps = new ArrayList<>();
            upgrade.ifPresent(steps::add);
            steps.add("on a data-center GPU, " + Remedies.installCompatPackage(compat));
            return answer(Verdict.FORWARD_COMPAT, Optional.of(FORWARD), Severity.WARN,
                    "Driver " + driver + " runs CUDA " + requirement.name() + " only through forward compatibility, "
                            + "and only on a data-center GPU.",
                    needs + route + which + " On a data-center GPU the container must ship " + compat.name()
                            + " and load its libcuda; on GeForce and most workstation cards CUDA fails with "
                            + ERROR_804 + "." + lifecycle,
                    Remedies.either(steps), sourceIds);
        }
        String gpuName = gpu.orElseThrow().name();
        if (supported.get()) {
            List<String> steps = new ArrayList<>();
            if (ended.isPresent()) {
                upgrade.ifPresent(steps::add);
                steps.add(Remedies.installCompatPackage(compat) + " until then");
            } else {
                steps.add(Remedies.installCompatPackage(compat));
                upgrade.ifPresent(steps::add);
            }
            return answer(Verdict.FORWARD_COMPAT, Optional.of(FORWARD), ended.isPresent() ? Severity.WARN : Severity.INFO,
                    "Driver " + driver + " runs CUDA " + requirement.name() + " on " + gpuName
                            + " through forward compatibility (" + compat.name() + ")"
                            + ended.map(b -> ", on a branch past its end of life").orElse("") + ".",
                    needs + route + " The container must ship " + compat.name() + " and load its libcuda "
                            + "(PTX JIT works this way; OpenGL/Vulkan interop does not)." + lifecycle,
                    Remedies.either(steps), sourceIds);
        }
        List<String> steps = new ArrayList<>();
        upgrade.ifPresent(steps::add);
        olderImage(driver, target, steps, sourceIds);
        return answer(Verdict.INCOMPATIBLE, Optional.of(FORWARD_UNSUPPORTED), Severity.ERROR,
                "Driver " + driver + " cannot run CUDA " + requirement.name() + " on " + gpuName
                        + ": forward compatibility does not work on it.",
                needs + route + " " + gpuName + " is a " + gpu.get().gpuClass().label() + " card: with "
                        + compat.name() + " CUDA fails with " + ERROR_804 + ".",
                fix(steps, requirement) + " Take cuda-compat off the image's library path.", sourceIds);
    }

    /** The upgrade step: to the release's minimum, or where the table has none, at least to the major's family minimum. */
    private Optional<String> upgrade(Requirement requirement, Optional<MinorVersionFamily> family,
            Remedies.Target target) {
        Optional<DriverVersion> to = requirement.upgradeTo().or(() -> family.map(MinorVersionFamily::minimumDriver));
        return to.flatMap(minimum -> remedies.upgradeDriver(minimum, target))
                .map(step -> requirement.upgradeTo().isPresent() ? step
                        : step + ", which runs CUDA " + requirement.name() + " at least through minor version "
                                + "compatibility");
    }

    private void olderImage(DriverVersion driver, Remedies.Target target, List<String> steps, List<String> sourceIds) {
        remedies.olderImage(driver, target).ifPresent(step -> {
            steps.add(step.text());
            sourceIds.addAll(step.sourceIds());
        });
    }

    /** The steps as one sentence, or where none would work on this GPU, the pointer to the architecture findings. */
    private static String fix(List<String> steps, Requirement requirement) {
        if (steps.isEmpty()) {
            return "No driver and image in this table run CUDA " + requirement.name() + " on this GPU: see the "
                    + "GPU_ARCH_* findings for what it needs.";
        }
        return Remedies.either(steps);
    }

    private Optional<DriverBranch> endedBranch(DriverVersion driver, YearMonth today) {
        return table.driverBranch(driver.branch()).filter(b -> b.endedBefore(today));
    }

    private static String whyNoForwardCompat(DriverVersion driver, Requirement requirement,
            Optional<ForwardCompatibility.Package> compat) {
        if (compat.isEmpty()) {
            return "Forward compatibility does not help: there is no supported cuda-compat package for CUDA "
                    + requirement.cuda().minorRelease() + ".";
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
