package io.gpudoctor.agent.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthyNodeTest {

    @Test
    void aHealthyGpuKubernetesNodeHasNoWarningOrError() throws URISyntaxException {
        Path healthy = Path.of(HealthyNodeTest.class.getResource("/host/node/healthy").toURI());
        List<HostProbe<?>> probes = CheckRegistry.probesOf(Optional.empty(), Concern.NODE, Concern.CDI);
        List<Check> checks = CheckRegistry.checksOf(Concern.NODE, Concern.CDI);

        List<Finding> findings = new NodeHost(healthy).diagnose(SimulatedInventory.fixtureNode(), probes, checks);

        assertThat(findings).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
    }
}
