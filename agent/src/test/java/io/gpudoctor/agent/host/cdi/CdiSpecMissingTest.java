package io.gpudoctor.agent.host.cdi;

import static io.gpudoctor.agent.host.cdi.CdiSpecParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecMissingTest {

    private static final Evidence DOCKER_CDI = new Evidence("/etc/docker/daemon.json", "features.cdi = true");
    private static final Evidence CDI_MODE =
            new Evidence("/etc/nvidia-container-runtime/config.toml", "nvidia-container-runtime.mode = \"cdi\"");

    @TempDir
    Path root;

    @Test
    void whenTheConfigurationExpectsCdiAndThereIsNoSpecItIsAnError() {
        CdiFacts none = new CdiHost(root).facts();

        assertThat(CdiSpecMissing.findings(List.of(DOCKER_CDI, CDI_MODE), none)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CDI_SPEC_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.evidence()).containsExactly(DOCKER_CDI, CDI_MODE,
                    new Evidence("/etc/cdi", "no *.yaml or *.json spec"),
                    new Evidence("/var/run/cdi", "no *.yaml or *.json spec"));
            assertThat(f.fix()).contains("nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml")
                    .contains("systemctl restart nvidia-cdi-refresh");
        });
    }

    @Test
    void nothingIsMissingWhenNothingExpectsCdi() {
        assertThat(CdiSpecMissing.findings(List.of(), new CdiHost(root).facts())).isEmpty();
    }

    @Test
    void aValidNvidiaSpecSatisfiesTheConfiguration() {
        CdiFacts fresh = new CdiHost(root).spec("/var/run/cdi/nvidia.yaml", resource("nvidia.yaml")).facts();

        assertThat(CdiSpecMissing.findings(List.of(DOCKER_CDI), fresh)).isEmpty();
    }

    @Test
    void onlyAnInvalidOrForeignSpecStillLeavesTheNvidiaSpecMissing() {
        CdiFacts unusable = new CdiHost(root)
                .spec("/etc/cdi/nvidia.yaml", "kind: nvidia.com/gpu\n")
                .spec("/etc/cdi/vendor.yaml", "cdiVersion: 0.5.0\nkind: vendor.com/fpga\ndevices: [{name: fpga0}]\n")
                .facts();

        assertThat(CdiSpecMissing.findings(List.of(DOCKER_CDI), unusable)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsExactly(DOCKER_CDI,
                        new Evidence("/etc/cdi/nvidia.yaml", "invalid: no cdiVersion"),
                        new Evidence("/etc/cdi/vendor.yaml", "kind vendor.com/fpga")));
    }
}
