package io.gpudoctor.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompatTableTest {

    private final CompatTable table = CompatTable.shipped();

    @Test
    void everyToolkitRowHasAnNvidiaSourceUrl() {
        assertThat(table.toolkitReleases()).hasSizeGreaterThanOrEqualTo(50).allSatisfy(release ->
                assertThat(table.sources(release.sources()))
                        .as(release.release())
                        .isNotEmpty()
                        .allSatisfy(source -> assertThat(source.url()).startsWith("https://docs.nvidia.com/")));
    }

    @Test
    void noCudaVersionIsCoveredByTwoRows() {
        Set<String> updates = new HashSet<>();
        Set<String> patches = new HashSet<>();
        for (ToolkitRelease release : table.toolkitReleases()) {
            release.updates().forEach(u -> assertThat(updates.add(release.cuda().minorRelease() + " Update " + u))
                    .as("%s Update %s in two rows", release.cuda().minorRelease(), u).isTrue());
            release.patches().forEach(p -> assertThat(patches.add(release.cuda().minorRelease() + "." + p))
                    .as("%s.%s in two rows", release.cuda().minorRelease(), p).isTrue());
        }
    }

    @Test
    void everyMinorReleaseHasAGaRow() {
        table.toolkitReleases().stream().map(ToolkitRelease::cuda).distinct().forEach(cuda ->
                assertThat(table.toolkitReleases()).as(cuda.minorRelease())
                        .anyMatch(release -> release.cuda().sameMinorRelease(cuda) && release.updates().contains(0)));
    }

    @Test
    void thereWasNoCuda12Point7() {
        assertThat(table.toolkitReleases()).noneMatch(release -> release.cuda().minorRelease().equals("12.7"));
    }

    @Test
    void onlyTheThirteenPointThreeRowRestsOnAnUnconfirmedSource() {
        assertThat(table.toolkitReleases())
                .filteredOn(release -> !table.sources(release.sources()).stream().allMatch(Source::confirmed))
                .extracting(ToolkitRelease::release)
                .containsExactly("13.3 GA / Update 1");
    }

    @Test
    void minorVersionFamiliesHoldTheReferenceMinimums() {
        assertThat(table.minorVersionFamily(11).orElseThrow().minimumDriver())
                .isEqualTo(DriverVersion.parse("450.80.02"));
        assertThat(table.minorVersionFamily(12).orElseThrow().minimumDriver())
                .isEqualTo(DriverVersion.parse("525.60.13"));
        assertThat(table.minorVersionFamily(13).orElseThrow().minimumDriver()).isEqualTo(DriverVersion.branchFloor(580));
        assertThat(table.minorVersionFamily(10)).isEmpty();
        assertThat(table.minorVersionCaveats()).anyMatch(caveat -> caveat.contains("PTX"));
    }

    @Test
    void forwardCompatibilityFollowsTheSupportTable() {
        ForwardCompatibility forward = table.forwardCompatibility();

        assertThat(forward.supports(ToolkitVersion.parse("12.8"), DriverVersion.parse("535.161.07"))).isTrue();
        assertThat(forward.supports(ToolkitVersion.parse("12.9"), DriverVersion.parse("580.65.06"))).isFalse();
        assertThat(forward.supports(ToolkitVersion.parse("13.0"), DriverVersion.parse("550.54.14"))).isFalse();
        assertThat(forward.supports(ToolkitVersion.parse("13.4"), DriverVersion.parse("610.43.02")))
                .as("R610 is a new-feature branch").isFalse();
    }

    @Test
    void everyArchitectureOfADesktopOrDataCenterDriverHasItsFirstCudaRelease() {
        assertThat(table.architectures())
                .filteredOn(architecture -> !architecture.name().contains("Jetson"))
                .allSatisfy(architecture -> assertThat(architecture.introducedInCuda()).as(architecture.name())
                        .isPresent());
    }

    @Test
    void everyArchitectureNewerThanTheTableStartHasItsFirstDriverBranch() {
        assertThat(table.architectures())
                .filteredOn(a -> a.introducedInCuda().filter(c -> c.compareMinorRelease(ToolkitVersion.parse("10.0")) >= 0)
                        .isPresent())
                .allSatisfy(architecture -> assertThat(architecture.firstDriverBranch()).as(architecture.name())
                        .isPresent());
    }

    @Test
    void theNewFeatureBranchesOfForwardCompatibilityAreNewFeatureBranchesOfTheLifecycle() {
        assertThat(table.forwardCompatibility().newFeatureBranches()).allSatisfy(branch ->
                assertThat(table.driverBranch(branch)).as("R%s", branch).get()
                        .extracting(DriverBranch::designation).isEqualTo(DriverBranch.Designation.NEW_FEATURE));
    }

    @Test
    void driverBranchesHoldNvidiasEndOfLifeDates() {
        assertThat(table.driverBranch(535).orElseThrow().endOfLife()).contains(YearMonth.of(2026, 6));
        assertThat(table.driverBranch(570).orElseThrow().endOfLife()).contains(YearMonth.of(2026, 2));
        assertThat(table.driverBranch(580).orElseThrow().designation()).isEqualTo(DriverBranch.Designation.LTS);
        assertThat(table.driverBranch(570).orElseThrow().describe())
                .isEqualTo("R570 (production branch, end of life February 2026)");
    }

    @Test
    void theTableKnowsHowFarNvidiaHasPublished() {
        assertThat(table.newerReleases().newestPublished()).isEqualTo(ToolkitVersion.parse("13.5"));
        assertThat(table.newestRow().minorRelease()).isEqualTo("13.3");
    }

    @Test
    void aTableWithAMalformedEndOfLifeDoesNotLoad() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/compat/bad-end-of-life.yaml")) {
            assertThatThrownBy(() -> CompatTable.read(in)).hasMessageContaining("not a year and month");
        }
    }

    @Test
    void everyGpuModelHasAnAliasAndAClass() {
        assertThat(table.gpuModels().models()).allSatisfy(model -> {
            assertThat(model.aliases()).as(model.name()).isNotEmpty();
            assertThat(model.gpuClass()).as(model.name()).isNotEqualTo(GpuClass.UNKNOWN);
        });
    }

    @Test
    void aTableThatNamesAnUnknownSourceDoesNotLoad() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/compat/unknown-source.yaml")) {
            assertThatThrownBy(() -> CompatTable.read(in)).hasMessageContaining("unknown sources [NOPE]");
        }
    }

    @Test
    void aTableWithAMalformedDriverVersionDoesNotLoad() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/compat/bad-driver-version.yaml")) {
            assertThatThrownBy(() -> CompatTable.read(in)).hasMessageContaining("not a driver version");
        }
    }

    @Test
    void sourcesAreListedOnceInTheOrderAsked() {
        assertThat(table.sources(List.of("RN", "MVC", "RN"))).extracting(Source::id).containsExactly("RN", "MVC");
    }
}
