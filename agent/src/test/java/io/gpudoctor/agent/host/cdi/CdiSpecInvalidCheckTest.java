package io.gpudoctor.agent.host.cdi;

import static io.gpudoctor.agent.host.cdi.CdiSpecParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecInvalidCheckTest {

    @TempDir
    Path root;

    private List<Finding> invalid(CdiHost host) {
        return host.diagnose(SimulatedInventory.fixtureNode()).stream()
                .filter(f -> f.code() == FindingCode.CDI_SPEC_INVALID).toList();
    }

    @Test
    void anNvidiaSpecWithADuplicateDeviceIsAnErrorNamingFileAndLine() {
        String spec = resource("nvidia.yaml").replace("name: \"1\"", "name: \"0\"");

        List<Finding> findings = invalid(new CdiHost(root).spec("/var/run/cdi/nvidia.yaml", spec));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.evidence()).containsExactly(new Evidence("/var/run/cdi/nvidia.yaml:15",
                    "device name '0' is used twice (first at line 5)"));
            assertThat(f.fix()).contains("nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml")
                    .contains("systemctl restart nvidia-cdi-refresh");
        });
    }

    @Test
    void anUnparseableSpecNamedNvidiaIsAnError() {
        List<Finding> findings = invalid(new CdiHost(root).spec("/etc/cdi/nvidia.yaml", "kind: [nvidia.com/gpu\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence().get(0).observed()).startsWith("not valid YAML or JSON");
            assertThat(f.fix()).contains("nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml");
        });
    }

    @Test
    void aYmlSpecIsToldToMoveToAYamlName() {
        List<Finding> findings = invalid(new CdiHost(root).spec("/etc/cdi/nvidia.yml", resource("nvidia.yaml")));

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.fix())
                .contains("nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml` and remove /etc/cdi/nvidia.yml"));
    }

    @Test
    void anotherVendorsInvalidSpecIsAWarning() {
        List<Finding> findings = invalid(new CdiHost(root)
                .spec("/etc/cdi/vendor.yaml", "cdiVersion: 0.5.0\nkind: vendor.com/fpga\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.evidence()).extracting(Evidence::observed).containsExactly("no devices");
        });
    }

    @Test
    void aSpecThatCouldNotBeReadIsNotCalledInvalid() {
        assertThat(invalid(new CdiHost(root).spec("/etc/cdi/nvidia.yaml", "#".repeat(2 << 20)))).isEmpty();
    }
}
