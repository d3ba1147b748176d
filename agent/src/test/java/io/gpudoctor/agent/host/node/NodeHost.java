package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.hostfs.HostRootFiles;
import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.proc.ProcessTableProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host root under a test's folder, diagnosed by the node probes and checks together with the
 * shared process table and dpkg probes they read.
 */
final class NodeHost {

    private final Path root;

    NodeHost(Path root) {
        this.root = root;
    }

    NodeHost file(String hostPath, String text) {
        HostRootFiles.write(root, hostPath, text);
        return this;
    }

    NodeHost kubeletRunning() {
        return file("/proc/4242/comm", "kubelet\n");
    }

    NodeHost toolkit(String version) {
        return file("/var/lib/dpkg/status", "Package: libnvidia-container1\nStatus: install ok installed\nVersion: "
                + version + "\n");
    }

    Path root() {
        return root;
    }

    List<Finding> diagnose(GpuInventory inventory) {
        return diagnose(inventory, CheckRegistry.probesOf(Optional.empty(), Concern.NODE),
                CheckRegistry.checksOf(Concern.NODE));
    }

    List<Finding> diagnose(GpuInventory inventory, List<HostProbe<?>> extraProbes, List<Check> checks) {
        List<HostProbe<?>> probes = new ArrayList<>(List.of(new ProcessTableProbe(), new InstalledPackagesProbe()));
        probes.addAll(extraProbes);
        DiagnosisEngine engine = new DiagnosisEngine(probes, checks);
        HostFacts facts = engine.probe(new HostFileReader(HostPaths.of(root)),
                HostFacts.builder().put(GpuInventory.class, inventory));
        return engine.evaluate(facts);
    }
}
