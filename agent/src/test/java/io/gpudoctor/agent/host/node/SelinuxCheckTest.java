package io.gpudoctor.agent.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelinuxCheckTest {

    @TempDir
    Path root;

    private SelinuxFacts.Mode mode(String enforce) {
        new NodeHost(root).file("/sys/fs/selinux/enforce", enforce);
        return new SelinuxProbe().probe(new HostFileReader(HostPaths.of(root))).mode();
    }

    @Test
    void enforcingSelinuxIsAWarningWithTheLabelFix() {
        List<Finding> findings = new NodeHost(root).file("/sys/fs/selinux/enforce", "1")
                .diagnose(SimulatedInventory.fixtureNode());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.SELINUX_ENFORCING);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.evidence()).containsExactly(new Evidence("/sys/fs/selinux/enforce", "1"));
            assertThat(f.detail()).contains("Insufficient Permissions");
            assertThat(f.fix()).contains("--security-opt label=disable").contains("policy");
        });
    }

    @Test
    void permissiveOrAbsentSelinuxIsNoFinding() {
        assertThat(new NodeHost(root).diagnose(SimulatedInventory.fixtureNode())).isEmpty();
        assertThat(new NodeHost(root).file("/sys/fs/selinux/enforce", "0\n").diagnose(SimulatedInventory.fixtureNode()))
                .isEmpty();
    }

    @Test
    void theModeIsReadFromSelinuxfs() {
        assertThat(new SelinuxProbe().probe(new HostFileReader(HostPaths.of(root))).mode())
                .isEqualTo(SelinuxFacts.Mode.DISABLED);
        assertThat(mode("1\n")).isEqualTo(SelinuxFacts.Mode.ENFORCING);
        assertThat(mode("0")).isEqualTo(SelinuxFacts.Mode.PERMISSIVE);
    }

    @Test
    void emptyGarbageOrHugeContentIsAnUnknownModeAndNoFinding() {
        assertThat(mode("")).isEqualTo(SelinuxFacts.Mode.UNKNOWN);
        assertThat(mode("\u0000\u00ff1")).isEqualTo(SelinuxFacts.Mode.UNKNOWN);
        assertThat(mode("1".repeat(HostFileReader.DEFAULT_CAP + 1))).isEqualTo(SelinuxFacts.Mode.UNKNOWN);
        assertThat(new NodeHost(root).diagnose(SimulatedInventory.fixtureNode())).isEmpty();
    }
}
