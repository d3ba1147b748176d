package io.gpudoctor.agent.host.cdi;

import static io.gpudoctor.agent.host.cdi.CdiSpecParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecProbeTest {

    @TempDir
    Path root;

    @Test
    void specsAreReadFromBothFoldersInFolderThenNameOrder() {
        CdiFacts facts = new CdiHost(root)
                .spec("/var/run/cdi/nvidia.yaml", resource("nvidia.yaml"))
                .spec("/etc/cdi/nvidia.json", resource("nvidia.json"))
                .spec("/etc/cdi/README.md", "not a spec")
                .facts();

        assertThat(facts.folders()).containsExactly("/etc/cdi", "/var/run/cdi");
        assertThat(facts.files()).extracting(CdiSpecFile::path)
                .containsExactly("/etc/cdi/nvidia.json", "/var/run/cdi/nvidia.yaml");
        assertThat(facts.validFilesOf("nvidia.com")).hasSize(2);
    }

    @Test
    void aHostWithoutSpecFoldersHasNoSpecs() {
        assertThat(new CdiHost(root).facts().files()).isEmpty();
    }

    @Test
    void aFolderNamedLikeASpecIsSkippedAsRuntimesSkipIt() throws IOException {
        Files.createDirectories(root.resolve("etc/cdi/old.yaml"));

        assertThat(new CdiHost(root).facts().files()).isEmpty();
    }

    @Test
    void aSpecTooLargeToReadIsKeptAsUnreadInsteadOfParsed() {
        new CdiHost(root).spec("/etc/cdi/huge.yaml", "#".repeat(HostFileReader.DEFAULT_CAP + 1));

        CdiSpecFile huge = new CdiHost(root).facts().files().get(0);

        assertThat(huge.readProblem()).isPresent();
        assertThat(huge.valid()).isFalse();
        assertThat(huge.problems()).isEmpty();
    }

    @Test
    void theNumberOfFilesReadPerFolderIsBounded() {
        CdiHost host = new CdiHost(root);
        for (int i = 0; i < CdiSpecProbe.MAX_FILES_PER_FOLDER + 10; i++) {
            host.spec("/etc/cdi/vendor-" + String.format("%03d", i) + ".yaml", "kind: x");
        }

        assertThat(host.facts().files()).hasSize(CdiSpecProbe.MAX_FILES_PER_FOLDER);
    }

    @Test
    void whenVarRunIsALinkToRunTheHostsSpecIsReadThroughItInsideTheRoot() throws IOException {
        new CdiHost(root).spec("/run/cdi/nvidia.yaml", resource("nvidia.yaml"));
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));

        CdiFacts facts = new CdiHost(root).facts();

        assertThat(facts.folders()).containsExactly("/etc/cdi", "/var/run/cdi");
        assertThat(facts.files()).extracting(CdiSpecFile::path).containsExactly("/var/run/cdi/nvidia.yaml");
        assertThat(facts.files().get(0).valid()).isTrue();
    }
}
