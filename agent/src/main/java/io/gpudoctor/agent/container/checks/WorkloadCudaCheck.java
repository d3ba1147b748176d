package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.compat.CompatFinding;
import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.compat.ToolkitVersion;
import io.gpudoctor.agent.compat.TorchWheel;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.container.facts.CudaVersionParser;
import io.gpudoctor.agent.container.facts.TorchInstall;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.ComputeCapability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;

/**
 * The workload's CUDA against the host driver: a CPU-only PyTorch in a GPU container (F21), an
 * image's {@code NVIDIA_REQUIRE_CUDA} the driver cannot meet (F12), and the compatibility rules for
 * every CUDA version the workload states.
 */
public final class WorkloadCudaCheck implements ContainerCheck {

    private static final String REQUIRE_CUDA = "NVIDIA_REQUIRE_CUDA";

    private final Supplier<CudaCompatibility> compatibilityTable;

    /**
     * Over the compatibility table shipped in the jar, read on the first container diagnosed: a
     * host-only diagnosis builds this check too and must not pay for parsing the table.
     */
    public WorkloadCudaCheck() {
        this.compatibilityTable = CudaCompatibility::shipped;
    }

    WorkloadCudaCheck(CudaCompatibility compatibility) {
        this.compatibilityTable = () -> compatibility;
    }

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        if (GpuRequest.wantsGpu(container)) {
            cpuOnly(container, host).ifPresent(findings::add);
        }
        HostDriver.running(host).ifPresent(driver -> {
            requireUnsatisfied(container, host, driver).ifPresent(findings::add);
            findings.addAll(compatibility(container, driver, HostDriver.gpuModel(host, compatibilityTable.get())));
            findings.addAll(architecture(container, host));
        });
        return findings;
    }

    private Optional<Finding> cpuOnly(ContainerFacts container, HostFacts host) {
        Optional<TorchInstall> cpu = container.torchInstalls().value().orElse(List.of()).stream()
                .filter(TorchInstall::cpuOnly).findFirst();
        return cpu.map(torch -> Finding.of(FindingCode.CONTAINER_CPU_ONLY_FRAMEWORK, Severity.ERROR)
                .title("PyTorch " + torch.version() + " is a CPU-only build: torch.cuda.is_available() is False")
                .detail("The container has a GPU but its torch was built without CUDA (version.py has cuda = None), "
                        + "so it never uses the GPU and reports no error.")
                .evidence(torch.path(), "__version__ = '" + torch.version() + "', cuda = None")
                .fix(wheel(host).map(w -> "Install a CUDA build the host driver runs: `" + w.installCommand() + "`")
                        .orElse("Install a CUDA build of torch, e.g. `pip install torch --index-url "
                                + "https://download.pytorch.org/whl/cu121` (pick the cuXXX the host driver supports)."))
                .build());
    }

    /** The newest wheel variant whose CUDA the host driver supports without forward compatibility. */
    private Optional<TorchWheel> wheel(HostFacts host) {
        CudaCompatibility compatibility = compatibilityTable.get();
        return HostDriver.supportedCuda(host, compatibility)
                .flatMap(cuda -> compatibility.table().torchWheels().newestUpTo(cuda));
    }

    /** Skipped when NVIDIA_DISABLE_REQUIRE is set: the runtime then ignores the constraint, and the compat rules speak. */
    private Optional<Finding> requireUnsatisfied(ContainerFacts container, HostFacts host, HostDriver.Running driver) {
        if (GpuRequest.variable(container, "NVIDIA_DISABLE_REQUIRE").filter(v -> !v.isBlank()).isPresent()) {
            return Optional.empty();
        }
        Optional<String> value = GpuRequest.variable(container, REQUIRE_CUDA);
        Optional<ToolkitVersion> required = value.flatMap(CudaVersionParser::fromRequireCuda)
                .flatMap(HostDriver::toolkit);
        Optional<ToolkitVersion> supported = HostDriver.supportedCuda(host, compatibilityTable.get());
        if (required.isEmpty() || supported.isEmpty() || required.get().compareMinorRelease(supported.get()) <= 0) {
            return Optional.empty();
        }
        String minimum = compatibilityTable.get().knownRelease(required.get())
                .map(r -> " (driver " + r.minimumLinuxDriver().text() + " or newer)").orElse("");
        return Optional.of(Finding.of(FindingCode.CONTAINER_REQUIRE_CUDA_UNSATISFIED, Severity.ERROR)
                .title("The image requires CUDA " + required.get().minorRelease() + " but driver " + driver.version().text()
                        + " supports CUDA " + supported.get().minorRelease())
                .detail("The NVIDIA runtime refuses to start the container: 'requirement error: unsatisfied "
                        + "condition: cuda>=" + required.get().minorRelease() + "'.")
                .evidence(GpuRequest.environSource(container), REQUIRE_CUDA + "=" + value.get())
                .evidence(driver.source(), "driver " + driver.version().text() + ", CUDA " + supported.get().minorRelease())
                .fix("Upgrade the host driver to one supporting CUDA " + required.get().minorRelease() + minimum
                        + ", use an image built for CUDA " + supported.get().minorRelease()
                        + " or older, or bypass the check with `-e NVIDIA_DISABLE_REQUIRE=true`.")
                .build());
    }

    /**
     * One finding per code and CUDA version; the NVIDIA_REQUIRE_CUDA constraint has its own code above.
     * Where the image's own forward-compat library is in use, {@link ForwardCompatCheck} judges
     * forward compatibility from its note, and the table's forecast of it is left out.
     */
    private List<Finding> compatibility(ContainerFacts container, HostDriver.Running driver, Optional<GpuModel> gpu) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!ForwardCompatUse.inUseWithNote(container).isEmpty()) {
            seen.add(FindingCode.CUDA_FORWARD_COMPAT.name());
            seen.add(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED.name());
        }
        for (CudaRequirement requirement : container.cudaRequirements()) {
            if (requirement.source() == CudaRequirement.Source.ENV_NVIDIA_REQUIRE_CUDA) {
                continue;
            }
            HostDriver.toolkit(requirement.version()).filter(cuda -> compatibilityTable.get().answers(cuda))
                    .flatMap(cuda -> compatibilityTable.get().answer(driver.version(), cuda, gpu).asFinding())
                    .filter(f -> !seen.contains(f.code().name()) && seen.add(f.code() + " " + requirement.version()))
                    .map(f -> toFinding(f, requirement, driver.source(), "driver " + driver.version().text()))
                    .ifPresent(findings::add);
        }
        return findings;
    }

    /** A compatibility finding as a container finding: the workload's file and what the host said are its evidence. */
    private static Finding toFinding(CompatFinding compat, CudaRequirement requirement, String source, String observed) {
        Finding.Builder finding = Finding.of(compat.code(), compat.severity()).scope(Scope.CONTAINER)
                .title(compat.title()).detail(compat.detail())
                .evidence(requirement.evidence(), "CUDA " + requirement.version())
                .evidence(source, observed)
                .fix(compat.fix());
        compat.sources().forEach(s -> finding.evidence(s.url(), s.title() + (s.confirmed() ? "" : " (UNCONFIRMED)")));
        return finding.build();
    }

    /**
     * GPU_ARCH_UNSUPPORTED_BY_CUDA for each CUDA version the workload states and each architecture among
     * the host's GPUs that predates or outlived it; the driver's own support of each GPU is a host finding.
     */
    private List<Finding> architecture(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CudaRequirement requirement : container.cudaRequirements()) {
            Optional<ToolkitVersion> cuda = HostDriver.toolkit(requirement.version());
            for (GpuReading gpu : HostDriver.gpus(host)) {
                Optional<ComputeCapability> capability = gpu.computeCapability().flatMap(GpuModel::capability);
                if (cuda.isEmpty() || capability.isEmpty()
                        || !seen.add(cuda.get().minorRelease() + " " + capability.get())) {
                    continue;
                }
                compatibilityTable.get().cudaArchitectureFinding(cuda.get(), capability.get())
                        .map(f -> toFinding(f, requirement, "NVML", "GPU " + gpu.index() + gpu.name().map(n -> " " + n).orElse("")
                                + ", compute capability " + capability.get()))
                        .ifPresent(findings::add);
            }
        }
        return findings;
    }
}
