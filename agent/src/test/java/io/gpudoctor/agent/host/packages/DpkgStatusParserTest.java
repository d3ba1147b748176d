package io.gpudoctor.agent.host.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpkgStatusParserTest {

    private static final String STATUS = """
            Package: nvidia-container-toolkit
            Status: install ok installed
            Priority: optional
            Architecture: amd64
            Version: 1.17.8-1
            Description: NVIDIA Container toolkit
             multi-line description

            Package: libnvidia-container1
            Status: install ok installed
            Version: 1.17.8-1

            Package: nvidia-docker2
            Status: deinstall ok config-files
            Version: 2.13.0-1
            """;

    @Test
    void installedPackagesAreReadWithTheirVersions() {
        assertThat(DpkgStatusParser.parse(STATUS))
                .containsEntry("nvidia-container-toolkit", "1.17.8-1")
                .containsEntry("libnvidia-container1", "1.17.8-1");
    }

    @Test
    void aRemovedPackageWithConfigFilesLeftIsNotInstalled() {
        assertThat(DpkgStatusParser.parse(STATUS)).doesNotContainKey("nvidia-docker2");
    }

    @Test
    void emptyTruncatedAndGarbageInputGiveWhatIsComplete() {
        assertThat(DpkgStatusParser.parse("")).isEmpty();
        assertThat(DpkgStatusParser.parse("Package: a\nStatus: install ok installed\n")).isEmpty();
        assertThat(DpkgStatusParser.parse("\u0000\u0001binary\n\n\nPackage:\n")).isEmpty();
    }
}
