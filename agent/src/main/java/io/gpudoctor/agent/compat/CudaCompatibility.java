package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Can this driver run this CUDA version on this GPU? The decision order of cuda-compat.md over the
 * shipped table: toolkit minimum, then minor version compatibility, then forward compatibility on
 * supported GPUs and branches, else too old; then the GPU architecture against the CUDA version, the
 * driver branch and, where known, the binary's architecture list. Pure functions; the table is
 * loaded once.
 */
public final class CudaCompatibility {

    private static final class Shipped {
        static final CudaCompatibility INSTANCE = new CudaCompatibility(CompatTable.shipped());
    }

    private final CompatTable table;
    private final DriverRule driverRule;
    private final ArchitectureRule architectureRule;

    public CudaCompatibility(CompatTable table) {
        this.table = table;
        Remedies remedies = new Remedies(table);
        this.driverRule = new DriverRule(table, remedies);
        this.architectureRule = new ArchitectureRule(table, remedies);
    }

    /** The rules over the table shipped in the jar, read on first use. */
    public static CudaCompatibility shipped() {
        return Shipped.INSTANCE;
    }

    public CompatTable table() {
        return table;
    }

    /**
     * The Table 3 row a version names; a bare X.Y means its GA release.
     *
     * @throws IllegalArgumentException when the table has no such release (e.g. 12.7, which never existed)
     */
    public ToolkitRelease release(ToolkitVersion cuda) {
        return table.toolkitReleases().stream()
                .filter(release -> release.covers(cuda))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(unknownRelease(cuda)));
    }

    /** The GPU model a name such as "H100" or "NVIDIA GeForce RTX 4090" stands for. */
    public Optional<GpuModel> gpuModel(String name) {
        return table.gpuModels().find(name);
    }

    /** Steps 1 to 4 of the decision order: whether and how the driver runs the CUDA version. */
    public CompatibilityAnswer answer(DriverVersion driver, ToolkitVersion cuda, Optional<GpuModel> gpu) {
        return driverRule.answer(driver, release(cuda), gpu);
    }

    /** GPU_ARCH_UNSUPPORTED_BY_CUDA and GPU_ARCH_UNSUPPORTED_BY_DRIVER findings for this GPU; empty when fine. */
    public List<CompatFinding> architectureFindings(DriverVersion driver, ToolkitVersion cuda, ComputeCapability gpu) {
        return architectureRule.findings(driver, cuda, gpu);
    }

    /**
     * GPU_ARCH_NOT_IN_BUILD when a binary built for {@code build} (e.g. torch's {@code get_arch_list()})
     * has neither SASS that runs on the GPU nor PTX that can be JIT-compiled for it.
     */
    public Optional<CompatFinding> buildFinding(BuildArchitectures build, ComputeCapability gpu) {
        return architectureRule.buildFinding(build, gpu);
    }

    /** The whole answer: the driver decision and, when a GPU is given, its architecture checks. */
    public CompatReport check(DriverVersion driver, ToolkitVersion cuda, Optional<GpuModel> gpu) {
        ToolkitRelease release = release(cuda);
        List<CompatFinding> architecture = gpu
                .map(g -> architectureFindings(driver, cuda, g.computeCapability()))
                .orElse(List.of());
        return new CompatReport(driver, cuda, release, gpu, driverRule.answer(driver, release, gpu), architecture);
    }

    private String unknownRelease(ToolkitVersion cuda) {
        List<ToolkitRelease> sameMinor = table.toolkitReleases().stream()
                .filter(release -> release.cuda().sameMinorRelease(cuda))
                .sorted(Comparator.comparing(ToolkitRelease::minimumLinuxDriver))
                .toList();
        if (!sameMinor.isEmpty()) {
            return "no CUDA " + cuda + " in the table of toolkit releases (known: "
                    + sameMinor.stream().map(ToolkitRelease::release).collect(Collectors.joining(", ")) + ")";
        }
        return "no CUDA " + cuda.minorRelease() + " in the table of toolkit releases (known: "
                + table.toolkitReleases().stream().map(r -> r.cuda().minorRelease()).distinct()
                        .collect(Collectors.joining(", ")) + ")";
    }
}
