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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupToolkitCheckTest {

    @TempDir
    Path root;

    private List<Finding> cgroupFindings(NodeHost host) {
        return host.diagnose(SimulatedInventory.fixtureNode()).stream()
                .filter(f -> f.code() == FindingCode.CGROUP_V2_TOOLKIT_TOO_OLD).toList();
    }

    private CgroupFacts.Hierarchy hierarchy() {
        return new CgroupProbe().probe(new HostFileReader(HostPaths.of(root))).hierarchy();
    }

    @Test
    void cgroupV2WithLibnvidiaContainerOlderThan18IsAnError() {
        List<Finding> findings = cgroupFindings(new NodeHost(root)
                .file("/sys/fs/cgroup/cgroup.controllers", "cpu io memory\n").toolkit("1.7.0-1"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.evidence()).containsExactly(
                    new Evidence("/sys/fs/cgroup/cgroup.controllers", "exists: cgroup v2"),
                    new Evidence("/var/lib/dpkg/status", "libnvidia-container1 1.7.0-1"));
            assertThat(f.detail()).contains("cgroup subsystem devices not found");
            assertThat(f.fix()).contains("apt-get install --only-upgrade nvidia-container-toolkit libnvidia-container1");
        });
    }

    @Test
    void aHybridHierarchyWithAnOldToolkitIsAnErrorNamingItsOwnSymptom() {
        List<Finding> findings = cgroupFindings(new NodeHost(root)
                .file("/sys/fs/cgroup/unified/cgroup.controllers", "").toolkit("1.4.0-1"));

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.detail()).contains("malformed cgroup entry"));
    }

    @Test
    void cgroupV2With18OrLaterIsFine() {
        assertThat(cgroupFindings(new NodeHost(root).file("/sys/fs/cgroup/cgroup.controllers", "")
                .toolkit("1.8.0-1"))).isEmpty();
        assertThat(cgroupFindings(new NodeHost(root).toolkit("1.17.8-1"))).isEmpty();
    }

    @Test
    void cgroupV1WithAnOldToolkitIsFine() {
        assertThat(cgroupFindings(new NodeHost(root).file("/sys/fs/cgroup/devices/devices.list", "a *:* rwm\n")
                .toolkit("1.3.0-1"))).isEmpty();
    }

    @Test
    void withoutTheToolkitPackageThereIsNothingToCompare() {
        assertThat(cgroupFindings(new NodeHost(root).file("/sys/fs/cgroup/cgroup.controllers", ""))).isEmpty();
    }

    @Test
    void theHierarchyIsToldFromTheFilesEachVersionMounts() throws IOException {
        assertThat(hierarchy()).isEqualTo(CgroupFacts.Hierarchy.UNKNOWN);
        Files.createDirectories(root.resolve("sys/fs/cgroup/devices"));
        assertThat(hierarchy()).isEqualTo(CgroupFacts.Hierarchy.V1);
        new NodeHost(root).file("/sys/fs/cgroup/unified/cgroup.controllers", "");
        assertThat(hierarchy()).isEqualTo(CgroupFacts.Hierarchy.HYBRID);
        new NodeHost(root).file("/sys/fs/cgroup/cgroup.controllers", "");
        assertThat(hierarchy()).isEqualTo(CgroupFacts.Hierarchy.V2);
    }
}
