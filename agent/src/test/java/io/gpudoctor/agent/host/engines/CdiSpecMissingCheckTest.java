package io.gpudoctor.agent.host.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecMissingCheckTest {

    @TempDir
    Path root;

    private List<Finding> cdiSpecMissing(HostTree host) {
        List<io.gpudoctor.agent.diagnosis.HostProbe<?>> probes = new ArrayList<>(
                CheckRegistry.probesOf(Optional.empty(), Concern.ENGINES, Concern.CDI));
        DiagnosisEngine engine = new DiagnosisEngine(probes, List.of(new CdiSpecMissingCheck()));
        return engine.evaluate(engine.probe(host.reader(), HostFacts.builder()));
    }

    private static String spec() throws IOException {
        try (InputStream in = CdiSpecMissingCheckTest.class.getResourceAsStream("/host/cdi/nvidia.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void dockerSetToCdiWithNoSpecIsAnErrorNamingTheSettingAndTheGenerateCommand() {
        HostTree host = new HostTree(root).file("/etc/docker/daemon.json", "{\"features\": {\"cdi\": true}}");

        assertThat(cdiSpecMissing(host)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CDI_SPEC_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("/etc/docker/daemon.json"));
            assertThat(f.fix()).contains("nvidia-ctk cdi generate");
        });
    }

    @Test
    void theToolkitInCdiModeWithNoSpecIsAnError() {
        HostTree host = new HostTree(root).file("/etc/nvidia-container-runtime/config.toml",
                "[nvidia-container-runtime]\nmode = \"cdi\"\n");

        assertThat(cdiSpecMissing(host)).extracting(Finding::code).containsExactly(FindingCode.CDI_SPEC_MISSING);
    }

    @Test
    void aSpecInVarRunSatisfiesTheExpectation() throws IOException {
        HostTree host = new HostTree(root).file("/etc/docker/daemon.json", "{\"features\": {\"cdi\": true}}")
                .file("/var/run/cdi/nvidia.yaml", spec());

        assertThat(cdiSpecMissing(host)).isEmpty();
    }

    @Test
    void nothingExpectingCdiNeedsNoSpec() {
        HostTree host = new HostTree(root).file("/etc/docker/daemon.json", "{}");

        assertThat(cdiSpecMissing(host)).isEmpty();
    }
}
