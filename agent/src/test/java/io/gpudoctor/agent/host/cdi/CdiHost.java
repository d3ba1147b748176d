package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.hostfs.HostRootFiles;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.driver.KernelModuleProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host root under a test's folder, with CDI spec files (and the kernel module's version file) written into it,
 * diagnosed by the CDI and kernel module probes and the CDI checks.
 */
final class CdiHost {

    private final Path root;

    CdiHost(Path root) {
        this.root = root;
    }

    CdiHost spec(String hostPath, String text) {
        HostRootFiles.write(root, hostPath, text);
        return this;
    }

    /** The nvidia kernel module {@code version} loaded, as {@code /proc/driver/nvidia/version} says. */
    CdiHost module(String version) {
        HostRootFiles.write(root, "/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  "
                + version + "  Thu May  2 14:37:44 UTC 2024\nGCC version:  gcc version 12.3.0\n");
        return this;
    }

    CdiFacts facts() {
        return new CdiSpecProbe().probe(new HostFileReader(HostPaths.of(root)));
    }

    List<Finding> diagnose(GpuInventory inventory) {
        List<HostProbe<?>> probes = new ArrayList<>(CheckRegistry.probesOf(Optional.empty(), Concern.CDI));
        probes.add(new KernelModuleProbe());
        DiagnosisEngine engine = new DiagnosisEngine(probes, CheckRegistry.checksOf(Concern.CDI));
        HostFacts facts = engine.probe(new HostFileReader(HostPaths.of(root)),
                HostFacts.builder().put(GpuInventory.class, inventory));
        return engine.evaluate(facts);
    }
}
