package io.gpudoctor.agent.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.cdi.CdiDiagnostics;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthyNodeTest {

    @Test
    void aHealthyGpuKubernetesNodeHasNoWarningOrError() throws URISyntaxException {
        Path healthy = Path.of(HealthyNodeTest.class.getResource("/host/node/healthy").toURI());
        List<HostProbe<?>> probes = new ArrayList<>(NodeDiagnostics.probes());
        probes.addAll(CdiDiagnostics.probes());
        List<Check> checks = new ArrayList<>(NodeDiagnostics.checks());
        checks.addAll(CdiDiagnostics.checks());

        List<Finding> findings = new NodeHost(healthy).diagnose(SimulatedInventory.fixtureNode(), probes, checks);

        assertThat(findings).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
    }
}
