package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.host.HostRootFiles;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostPaths;
import java.nio.file.Path;
import java.util.List;

/** A host root under a test's folder, with CDI spec files written into it, diagnosed by the CDI probe and checks. */
final class CdiHost {

    private final Path root;

    CdiHost(Path root) {
        this.root = root;
    }

    CdiHost spec(String hostPath, String text) {
        HostRootFiles.write(root, hostPath, text);
        return this;
    }

    CdiFacts facts() {
        return new CdiSpecProbe().probe(new HostFileReader(HostPaths.of(root)));
    }

    List<Finding> diagnose(GpuInventory inventory) {
        DiagnosisEngine engine = new DiagnosisEngine(CdiDiagnostics.probes(), CdiDiagnostics.checks());
        HostFacts facts = engine.probe(new HostFileReader(HostPaths.of(root)),
                HostFacts.builder().put(GpuInventory.class, inventory));
        return engine.evaluate(facts);
    }
}
