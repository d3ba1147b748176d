package io.gpudoctor.agent.host.gpuarch;

import io.gpudoctor.agent.compat.CompatFinding;
import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.ComputeCapability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every GPU on the node against the driver branch: GPU_ARCH_UNSUPPORTED_BY_DRIVER when the branch is
 * older than the GPU's architecture (a B200 on R535) or past its last branch (a V100 on R590), one
 * finding per architecture with each such GPU as evidence. Silent when NVML gave no driver version or
 * no compute capability: the check then has nothing to judge.
 */
public final class GpuArchitectureCheck implements Check {

    private final Supplier<CudaCompatibility> compatibility;

    /** Over the compatibility table shipped in the jar, read on first use. */
    public GpuArchitectureCheck() {
        this(CudaCompatibility::shipped);
    }

    GpuArchitectureCheck(Supplier<CudaCompatibility> compatibility) {
        this.compatibility = compatibility;
    }

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<GpuInventory> inventory = facts.find(GpuInventory.class);
        Optional<DriverVersion> driver = inventory.flatMap(inv -> inv.nvml().driverVersion())
                .flatMap(DriverVersion::tryParse);
        if (driver.isEmpty()) {
            return List.of();
        }
        Map<ComputeCapability, List<GpuReading>> byCapability = new LinkedHashMap<>();
        for (GpuReading gpu : inventory.get().gpus()) {
            gpu.computeCapability().flatMap(GpuModel::capability)
                    .ifPresent(c -> byCapability.computeIfAbsent(c, k -> new ArrayList<>()).add(gpu));
        }
        List<Finding> findings = new ArrayList<>();
        byCapability.forEach((capability, gpus) -> compatibility.get()
                .driverArchitectureFinding(driver.get(), capability)
                .map(f -> toFinding(f, driver.get(), gpus))
                .ifPresent(findings::add));
        return findings;
    }

    private static Finding toFinding(CompatFinding compat, DriverVersion driver, List<GpuReading> gpus) {
        Finding.Builder finding = Finding.of(compat.code(), compat.severity()).scope(Scope.HOST)
                .title(compat.title()).detail(compat.detail())
                .evidence("NVML", "driver " + driver.text());
        gpus.forEach(g -> finding.evidence("NVML", "GPU " + g.index() + g.name().map(n -> " " + n).orElse("")
                + ", compute capability " + g.computeCapability().orElse("?")));
        compat.sources().forEach(s -> finding.evidence(s.url(), s.title() + (s.confirmed() ? "" : " (UNCONFIRMED)")));
        return finding.fix(compat.fix()).build();
    }
}
