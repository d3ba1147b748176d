package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.ComputeCapability;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CudaCompatibilityTest {

    /** January 2026: before R570 (February 2026) and R535 (June 2026) reached their end of life. */
    private static final CudaCompatibility COMPAT = at("2026-01");
    private static final Optional<GpuModel> NO_GPU = Optional.empty();

    static Stream<Arguments> toolkitRows() {
        return COMPAT.table().toolkitReleases().stream().map(release -> Arguments.of(release.release(), release));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolkitRows")
    void exactlyTheToolkitMinimumIsFullyCompatible(String name, ToolkitRelease release) {
        CompatibilityAnswer answer = COMPAT.answer(release.minimumLinuxDriver(), versionOf(release), NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE);
        assertThat(answer.findingCode()).isEmpty();
        assertThat(answer.severity()).isEqualTo(Severity.INFO);
        assertThat(answer.sources()).extracting(Source::url).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolkitRows")
    void onePatchBelowTheToolkitMinimumIsNotFullyCompatible(String name, ToolkitRelease release) {
        CompatibilityAnswer answer = COMPAT.answer(onePatchBelow(release.minimumLinuxDriver()), versionOf(release),
                NO_GPU);

        assertThat(answer.verdict()).isNotEqualTo(Verdict.COMPATIBLE);
        assertThat(answer.findingCode()).isPresent();
    }

    @Test
    void aBareMinorReleaseMeansItsGaRelease() {
        assertThat(COMPAT.release(ToolkitVersion.parse("12.8")).release()).isEqualTo("12.8 GA");
        assertThat(COMPAT.release(ToolkitVersion.parse("12.8.1")).release()).isEqualTo("12.8 Update 1");
        assertThat(COMPAT.release(ToolkitVersion.parse("11.0")).release()).isEqualTo("11.0.2 GA");
        assertThat(COMPAT.release(ToolkitVersion.parse("11.0.3")).release()).isEqualTo("11.0.3 Update 1");
        assertThat(COMPAT.release(ToolkitVersion.parse("10.1.243")).minimumLinuxDriver())
                .isEqualTo(DriverVersion.parse("418.39"));
    }

    @Test
    void aMinorNewerThanTheTableIsAnsweredByItsMajorsRulesWithANote() {
        CompatibilityAnswer answer = answer("580.65.06", "13.5", NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
        assertThat(answer.detail()).contains("This table predates CUDA 13.5 GA").contains("up to 13.5");
        assertThat(answer.fix()).contains("the one released with CUDA 13.5 GA or newer");
        assertThat(answer.sources()).extracting(Source::id).contains("RN-13.5", "MVC");
    }

    @Test
    void thirteenPointFourPointOneIsTheGaBuildNotAnUpdate() {
        assertThat(COMPAT.releaseName(ToolkitVersion.parse("13.4.1"))).startsWith("13.4 GA");
        assertThat(COMPAT.releaseName(ToolkitVersion.parse("13.4.2"))).startsWith("13.4 Update 1");
        assertThat(COMPAT.releaseName(ToolkitVersion.parse("13.4.0"))).startsWith("13.4 developer preview");
    }

    @Test
    void belowTheMajorsMinimumAMinorBeyondTheTableIsTooOldWithTheMajorsMinimumAsTheFix() {
        CompatibilityAnswer answer = answer("575.57.08", "13.5", NO_GPU);

        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.fix()).contains("R580 or newer").contains("at least through minor version compatibility");
    }

    @Test
    void onlyMinorsOfTheNewestMajorAreAnsweredBeyondTheTable() {
        assertThat(COMPAT.answers(ToolkitVersion.parse("13.5"))).isTrue();
        assertThat(COMPAT.answers(ToolkitVersion.parse("12.10"))).isFalse();
        assertThat(COMPAT.answers(ToolkitVersion.parse("14.0"))).isFalse();
        assertThatThrownBy(() -> answer("620.10.05", "14.0", NO_GPU)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CUDA 14.0");
    }

    @Test
    void aReleaseNotInTheTableIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> COMPAT.release(ToolkitVersion.parse("12.7")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CUDA 12.7")
                .hasMessageContaining("12.8");
        assertThatThrownBy(() -> COMPAT.release(ToolkitVersion.parse("12.8 Update 4")))
                .hasMessageContaining("12.8 GA, 12.8 Update 1");
    }

    @Test
    void theOldestTwelveDriverRunsCuda12Point8OnlyThroughMinorVersionCompatibility() {
        CompatibilityAnswer answer = answer("525.60.13", "12.8", NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
        assertThat(answer.findingCode()).contains(FindingCode.CUDA_MINOR_VERSION_COMPAT);
        assertThat(answer.severity()).isEqualTo(Severity.WARN);
        assertThat(answer.detail()).contains("PTX").contains("cudaErrorUnsupportedPtxVersion");
        assertThat(answer.fix()).contains(">= 570.26").contains("nvidia-driver-570");
        assertThat(answer.sources()).extracting(Source::id).contains("RN", "MVC");
    }

    @Test
    void onePatchBelowTheTwelveFamilyMinimumIsTooOld() {
        CompatibilityAnswer answer = answer("525.60.12", "12.0", NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.INCOMPATIBLE);
        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.severity()).isEqualTo(Severity.ERROR);
        assertThat(answer.detail()).contains(">= 525.60.13").contains("cudaErrorInsufficientDriver");
        assertThat(answer.fix()).contains("upgrade the host driver to >= 525.60.13".substring(1));
    }

    @Test
    void theThirteenFamilyNeedsOnlyTheR580Branch() {
        assertThat(answer("580.0", "13.2", NO_GPU).verdict()).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
        assertThat(answer("575.57.08", "13.0", NO_GPU).verdict()).isNotEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
    }

    @Test
    void cudaTenHasNoMinorVersionCompatibility() {
        CompatibilityAnswer answer = answer("418.39", "10.2", NO_GPU);

        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.detail()).contains("10.x has no minor version compatibility");
    }

    @Test
    void aDataCenterGpuOnASupportedBranchRunsANewerMajorThroughForwardCompatibility() {
        CompatibilityAnswer answer = answer("535.161.07", "13.0", gpu("H100"));

        assertThat(answer.verdict()).isEqualTo(Verdict.FORWARD_COMPAT);
        assertThat(answer.findingCode()).contains(FindingCode.CUDA_FORWARD_COMPAT);
        assertThat(answer.severity()).isEqualTo(Severity.INFO);
        assertThat(answer.fix()).startsWith("Install cuda-compat-13-0 in the image")
                .contains("/usr/local/cuda-13.0/compat on LD_LIBRARY_PATH");
        assertThat(answer.sources()).extracting(Source::id).contains("FWD");
    }

    @Test
    void aGeForceCardCannotUseForwardCompatibility() {
        CompatibilityAnswer answer = answer("535.161.07", "13.0", gpu("NVIDIA GeForce RTX 4090"));

        assertThat(answer.verdict()).isEqualTo(Verdict.INCOMPATIBLE);
        assertThat(answer.findingCode()).contains(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED);
        assertThat(answer.severity()).isEqualTo(Severity.ERROR);
        assertThat(answer.detail()).contains("804").contains("CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE");
        assertThat(answer.fix()).contains(">= 580.65.06")
                .contains("CUDA 11.8 to 12.9")
                .contains("runs 12.2 Update 2 natively and every 12.x through minor version compatibility")
                .doesNotContain("12.2 or older");
    }

    @Test
    void withoutAGpuForwardCompatibilityIsAWarningThatNamesBothOutcomes() {
        CompatibilityAnswer answer = answer("535.161.07", "13.0", NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.FORWARD_COMPAT);
        assertThat(answer.findingCode()).contains(FindingCode.CUDA_FORWARD_COMPAT);
        assertThat(answer.severity()).isEqualTo(Severity.WARN);
        assertThat(answer.detail()).contains("On a data-center GPU").contains("on GeForce").contains("804");
    }

    @Test
    void aWorkstationCardLeavesForwardCompatibilityOpen() {
        assertThat(answer("535.161.07", "13.0", gpu("RTX A6000")).severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void aBranchTheCompatPackageDoesNotSupportIsTooOldEvenOnADataCenterGpu() {
        CompatibilityAnswer answer = answer("550.54.14", "13.0", gpu("H100"));

        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.detail()).contains("cuda-compat-13-0 does not support branch R550")
                .contains("R535, R570");
    }

    @Test
    void tooOldSuggestsTheNewestTorchWheelTheDriverRunsNatively() {
        CompatibilityAnswer answer = answer("530.30.02", "13.0", gpu("RTX 3090"));

        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.fix()).contains("CUDA 11.1 to 12.9")
                .contains("pip install torch --index-url https://download.pytorch.org/whl/cu121");
        assertThat(answer.sources()).extracting(Source::id).contains("TORCH");
    }

    @Test
    void minorVersionCompatibilityOnADataCenterGpuAlsoOffersTheCompatPackage() {
        CompatibilityAnswer answer = answer("535.161.07", "12.8", gpu("H100"));

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
        assertThat(answer.fix()).contains("install cuda-compat-12-8").doesNotContain("on a data-center GPU");
    }

    @Test
    void anUnconfirmedMinimumSaysSo() {
        CompatibilityAnswer answer = answer("610.43.02", "13.3", NO_GPU);

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE);
        assertThat(answer.detail()).contains("UNCONFIRMED");
        assertThat(answer.sources()).extracting(Source::confirmed).containsOnly(false);
    }

    @Test
    void keplerIsNotSupportedByCuda12() {
        List<CompatFinding> findings = architecture("470.82.01", "12.0", "3.7");

        assertThat(findings).extracting(CompatFinding::code).containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(0).fix()).contains("CUDA 11.8 or older");
    }

    @Test
    void keplerIsNotDrivenByBranchesAfterR470() {
        List<CompatFinding> findings = architecture("525.60.13", "11.8", "3.7");

        assertThat(findings).extracting(CompatFinding::code).containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
        assertThat(findings.get(0).fix()).contains("R470 or older").contains("nvidia-driver-470")
                .contains("11.4 Update 3 / Update 4");
    }

    @Test
    void keplerIsFineOnR470WithCuda11() {
        assertThat(architecture("470.82.01", "11.4", "3.5")).isEmpty();
    }

    @Test
    void voltaIsDroppedByCuda13AndByBranchesAfterR580() {
        assertThat(architecture("580.65.06", "12.9", "7.0")).isEmpty();
        assertThat(architecture("580.65.06", "13.0", "7.0")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(architecture("590.44.01", "12.9", "7.0")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
    }

    @Test
    void aDroppedVoltaIsPointedAtTheNewestCudaItsLastBranchRunsForIt() {
        assertThat(architecture("590.44.01", "12.9", "7.0").get(0).fix()).contains("R580 or older")
                .contains("CUDA up to 12.9 Update 1 natively").doesNotContain("13.0");
    }

    @Test
    void voltaOnCuda13IsPointedAtATorchWheelThatStillCarriesIt() {
        assertThat(architecture("580.65.06", "13.0", "7.0").get(0).fix()).contains("whl/cu126");
    }

    @Test
    void blackwellNeedsCuda12Point8() {
        List<CompatFinding> findings = architecture("570.26", "12.6", "12.0");

        assertThat(findings).extracting(CompatFinding::code).containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(findings.get(0).fix()).contains("CUDA 12.8 or newer").contains("whl/cu128");
        assertThat(architecture("570.26", "12.8", "12.0")).isEmpty();
    }

    @Test
    void architecturesWithoutKnownDropsHaveNoFindings() {
        assertThat(architecture("595.71.05", "13.2", "9.0")).isEmpty();
    }

    @Test
    void theReportCombinesTheAnswerAndTheArchitectureMostSevereFirst() {
        CompatReport report = COMPAT.check(DriverVersion.parse("595.71.05"), ToolkitVersion.parse("13.2"), gpu("V100"));

        assertThat(report.answer().verdict()).isEqualTo(Verdict.COMPATIBLE);
        assertThat(report.severity()).isEqualTo(Severity.ERROR);
        assertThat(report.findings()).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA, FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
    }

    @Test
    void aReportWithoutAGpuHasNoArchitectureFindings() {
        CompatReport report = COMPAT.check(DriverVersion.parse("535.161.07"), ToolkitVersion.parse("12.8"), NO_GPU);

        assertThat(report.architecture()).isEmpty();
        assertThat(report.findings()).extracting(CompatFinding::code).containsExactly(FindingCode.CUDA_MINOR_VERSION_COMPAT);
    }

    @Test
    void aDriverBranchOlderThanBlackwellIsAnArchitectureErrorAndOffersNoCompatPackage() {
        CompatReport report = COMPAT.check(DriverVersion.parse("535.104.05"), ToolkitVersion.parse("12.8"),
                gpu("B200"));

        assertThat(report.severity()).isEqualTo(Severity.ERROR);
        CompatFinding driver = report.findings().get(0);
        assertThat(driver.code()).isEqualTo(FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
        assertThat(driver.title()).contains("predates Blackwell");
        assertThat(driver.fix()).contains("R570 or newer");
        assertThat(driver.sources()).extracting(Source::id).contains("GPUOP", "MATRIX");
        assertThat(report.answer().fix()).doesNotContain("cuda-compat").contains(">= 570.26");
    }

    @Test
    void codeBuiltBeforeTwelvePointEightRunsOnBlackwellOnlyThroughItsPtx() {
        CompatFinding finding = architecture("570.26", "12.6", "10.0").get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.detail()).contains("embeds PTX").contains("JIT-compiles").contains("no kernel image");
        assertThat(finding.sources()).extracting(Source::id).contains("BWCG");
    }

    @Test
    void olderCudaOnHopperAdaAndAmpereIsFlagged() {
        assertThat(architecture("535.104.05", "11.7", "9.0")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(architecture("535.104.05", "11.7", "8.9")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(architecture("470.82.01", "10.2", "8.0")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(architecture("470.82.01", "11.0", "8.6")).extracting(CompatFinding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
    }

    @Test
    void anOlderImageIsNeverOfferedForACudaTheGpuPredates() {
        CompatibilityAnswer answer = answer("570.26", "13.0", gpu("GeForce RTX 5090"));

        assertThat(answer.fix()).doesNotContain("or older").contains("image built for CUDA 12.8 to 12.9")
                .contains("whl/cu128");
    }

    @Test
    void noOlderImageIsOfferedWhenTheDriverDoesNotDriveTheGpu() {
        CompatibilityAnswer answer = answer("535.161.07", "13.0", gpu("GeForce RTX 5090"));

        assertThat(answer.findingCode()).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
        assertThat(answer.detail()).contains("R535 does not drive Blackwell (GB20x, GeForce and workstation) GPUs");
        assertThat(answer.fix()).doesNotContain("use an image").contains(">= 580.65.06");
    }

    @Test
    void anUpgradeBeyondTheGpusLastBranchIsNotOffered() {
        CompatibilityAnswer answer = answer("470.82.01", "12.0", gpu("K80"));

        assertThat(answer.fix()).doesNotContain("upgrade the host driver").doesNotContain("Upgrade the host driver")
                .contains("CUDA 11.8 or older");
    }

    @Test
    void newFeatureBranchesAreNeverOfferedTheCompatPackage() {
        for (String driver : List.of("590.44.01", "610.43.02")) {
            CompatibilityAnswer answer = answer(driver, "13.4", gpu("H100"));
            assertThat(answer.verdict()).as(driver).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
            assertThat(answer.fix()).as(driver).doesNotContain("cuda-compat");
        }
        assertThat(COMPAT.table().forwardCompatibility().newFeatureBranches()).contains(590, 610);
    }

    @Test
    void forwardCompatibilityOnABranchPastItsEndOfLifeSaysSoAndPutsTheUpgradeFirst() {
        CompatibilityAnswer answer = at("2026-03").answer(DriverVersion.parse("570.124.06"),
                ToolkitVersion.parse("13.1"), gpu("A100"));

        assertThat(answer.verdict()).isEqualTo(Verdict.FORWARD_COMPAT);
        assertThat(answer.severity()).isEqualTo(Severity.WARN);
        assertThat(answer.detail()).contains("R570 (production branch, end of life February 2026) is past its end "
                + "of life");
        assertThat(answer.fix()).startsWith("Upgrade the host driver to >= 590.44.01");
        assertThat(answer.sources()).extracting(Source::id).contains("DRV");
    }

    @Test
    void minorVersionCompatibilityOnABranchPastItsEndOfLifeNoLongerOffersTheCompatPackage() {
        CompatibilityAnswer answer = at("2026-07").answer(DriverVersion.parse("535.161.07"),
                ToolkitVersion.parse("12.8"), gpu("H100"));

        assertThat(answer.verdict()).isEqualTo(Verdict.COMPATIBLE_MINOR_VERSION);
        assertThat(answer.fix()).doesNotContain("cuda-compat");
    }

    private static CudaCompatibility at(String month) {
        return new CudaCompatibility(CompatTable.shipped(), Clock.fixed(
                YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static CompatibilityAnswer answer(String driver, String cuda, Optional<GpuModel> gpu) {
        return COMPAT.answer(DriverVersion.parse(driver), ToolkitVersion.parse(cuda), gpu);
    }

    private static List<CompatFinding> architecture(String driver, String cuda, String capability) {
        return COMPAT.architectureFindings(DriverVersion.parse(driver), ToolkitVersion.parse(cuda),
                ComputeCapability.parse(capability));
    }

    private static Optional<GpuModel> gpu(String name) {
        return Optional.of(COMPAT.gpuModel(name).orElseThrow());
    }

    /** The version that names a row: its first update, or its patch for rows with no update (11.0.1 RC). */
    private static ToolkitVersion versionOf(ToolkitRelease release) {
        ToolkitVersion cuda = release.cuda();
        return release.updates().isEmpty()
                ? new ToolkitVersion(cuda.major(), cuda.minor(), Optional.empty(), Optional.of(release.patches().get(0)))
                : new ToolkitVersion(cuda.major(), cuda.minor(), Optional.of(release.updates().get(0)), Optional.empty());
    }

    private static DriverVersion onePatchBelow(DriverVersion minimum) {
        List<Integer> fields = new ArrayList<>(minimum.fields());
        int last = fields.size() - 1;
        assertThat(fields.get(last)).as("%s ends in a non-zero field", minimum).isPositive();
        fields.set(last, fields.get(last) - 1);
        return DriverVersion.parse(String.join(".", fields.stream().map(String::valueOf).toList()));
    }
}
