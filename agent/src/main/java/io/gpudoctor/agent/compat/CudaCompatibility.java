package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Can this driver run this CUDA version on this GPU? The decision order of cuda-compat.md over the
 * shipped table: toolkit minimum, then minor version compatibility, then forward compatibility on
 * supported GPUs and branches, else too old; then the GPU architecture against the CUDA version, the
 * driver branch and, where known, the binary's architecture list. A minor of the newest CUDA major
 * that the table has no row for is answered by the major's rules. Pure functions of the table and
 * the month (branch end-of-life dates); the table is loaded once.
 */
public final class CudaCompatibility {

    private static final class Shipped {
        static final CudaCompatibility INSTANCE = new CudaCompatibility(CompatTable.shipped(), Clock.systemUTC());
    }

    private final CompatTable table;
    private final Clock clock;
    private final DriverRule driverRule;
    private final ArchitectureRule architectureRule;

    /** @param clock what "now" is for the driver branches' end of life */
    public CudaCompatibility(CompatTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
        this.driverRule = new DriverRule(table, new Remedies(table));
        this.architectureRule = new ArchitectureRule(table);
    }

    /** The rules over the table shipped in the jar, read on first use. */
    public static CudaCompatibility shipped() {
        return Shipped.INSTANCE;
    }

    public CompatTable table() {
        return table;
    }

    /** The Table 3 row a version names (a bare X.Y means its GA release); empty when the table has none. */
    public Optional<ToolkitRelease> knownRelease(ToolkitVersion cuda) {
        return table.toolkitReleases().stream().filter(release -> release.covers(cuda)).findFirst();
    }

    /**
     * The Table 3 row a version names; a bare X.Y means its GA release.
     *
     * @throws IllegalArgumentException when the table has no such release (e.g. 12.7, which never existed)
     */
    public ToolkitRelease release(ToolkitVersion cuda) {
        return knownRelease(cuda).orElseThrow(() -> new IllegalArgumentException(unknownRelease(cuda)));
    }

    /**
     * Whether the rules answer this version: a Table 3 row, or a minor of the newest CUDA major newer
     * than its rows (13.4, 13.5, ...), which its major's minor version compatibility answers.
     */
    public boolean answers(ToolkitVersion cuda) {
        return knownRelease(cuda).isPresent() || beyondTable(cuda);
    }

    /** The release's name: its Table 3 row, or for a minor beyond the rows NVIDIA's name of the build. */
    public String releaseName(ToolkitVersion cuda) {
        return knownRelease(cuda).map(ToolkitRelease::release)
                .orElseGet(() -> table.newerReleases().name(cuda) + " (newer than this table)");
    }

    /** The GPU model a name such as "H100" or "NVIDIA GeForce RTX 4090" stands for. */
    public Optional<GpuModel> gpuModel(String name) {
        return table.gpuModels().find(name);
    }

    /**
     * Steps 1 to 4 of the decision order: whether and how the driver runs the CUDA version.
     *
     * @throws IllegalArgumentException when the rules do not answer the version (see {@link #answers})
     */
    public CompatibilityAnswer answer(DriverVersion driver, ToolkitVersion cuda, Optional<GpuModel> gpu) {
        YearMonth today = YearMonth.now(clock);
        Optional<ToolkitRelease> known = knownRelease(cuda);
        if (known.isPresent()) {
            return driverRule.answer(driver, known.get(), gpu, today);
        }
        if (beyondTable(cuda)) {
            return driverRule.answerBeyondTable(driver, cuda, gpu, today);
        }
        throw new IllegalArgumentException(unknownRelease(cuda));
    }

    /** GPU_ARCH_UNSUPPORTED_BY_CUDA and GPU_ARCH_UNSUPPORTED_BY_DRIVER findings for this GPU; empty when fine. */
    public List<CompatFinding> architectureFindings(DriverVersion driver, ToolkitVersion cuda, ComputeCapability gpu) {
        List<CompatFinding> findings = new ArrayList<>();
        architectureRule.cudaFinding(cuda, gpu).ifPresent(findings::add);
        architectureRule.driverFinding(driver, gpu).ifPresent(findings::add);
        return List.copyOf(findings);
    }

    /** GPU_ARCH_UNSUPPORTED_BY_CUDA when the CUDA release predates or outlived the GPU's architecture. */
    public Optional<CompatFinding> cudaArchitectureFinding(ToolkitVersion cuda, ComputeCapability gpu) {
        return architectureRule.cudaFinding(cuda, gpu);
    }

    /** GPU_ARCH_UNSUPPORTED_BY_DRIVER when the driver branch is older than the GPU or past its last branch. */
    public Optional<CompatFinding> driverArchitectureFinding(DriverVersion driver, ComputeCapability gpu) {
        return architectureRule.driverFinding(driver, gpu);
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
        CompatibilityAnswer answer = answer(driver, cuda, gpu);
        List<CompatFinding> architecture = gpu
                .map(g -> architectureFindings(driver, cuda, g.computeCapability()))
                .orElse(List.of());
        return new CompatReport(driver, cuda, releaseName(cuda), gpu, answer, architecture);
    }

    /** A minor of the newest major, newer than its newest row: NVIDIA publishes releases after the table. */
    private boolean beyondTable(ToolkitVersion cuda) {
        ToolkitVersion newest = table.newestRow();
        return cuda.major() == newest.major() && cuda.compareMinorRelease(newest) > 0
                && table.minorVersionFamily(cuda.major()).isPresent();
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
                        .collect(Collectors.joining(", "))
                + "; newer " + table.newestRow().major() + ".x minors are answered by minor version compatibility)";
    }
}
