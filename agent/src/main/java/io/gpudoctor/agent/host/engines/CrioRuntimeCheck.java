package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F03: CRI-O on a GPU host with neither an NVIDIA runtime entry nor the NVIDIA OCI hook, the two
 * ways NVIDIA's installers make CRI-O inject GPUs.
 */
public final class CrioRuntimeCheck implements Check {

    static final String CONFIGURE = "sudo nvidia-ctk runtime configure --runtime=crio && sudo systemctl restart crio";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<CrioFacts> found = facts.find(CrioFacts.class);
        if (found.isEmpty() || !ContainerEngines.crio(facts)) {
            return List.of();
        }
        CrioFacts crio = found.get();
        List<Finding> findings = new ArrayList<>();
        for (RuntimeBinary binary : crio.runtimeBinaries()) {
            if (binary.missing()) {
                findings.add(RuntimeFindings.missingBinary(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED, "CRI-O", binary,
                        CONFIGURE));
            }
        }
        Optional<Evidence> gpus = GpuPresence.seen(facts);
        if (gpus.isPresent() && crio.fullyRead() && crio.nvidiaRuntimes().isEmpty() && crio.nvidiaHooks().isEmpty()) {
            String read = crio.files().isEmpty() ? "no config files"
                    : crio.files().size() + " config file(s), no [crio.runtime.runtimes.nvidia]";
            findings.add(Finding.of(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED, Severity.ERROR)
                    .title("CRI-O has no NVIDIA runtime configured")
                    .detail("This host has NVIDIA GPUs, but CRI-O has no nvidia runtime and no NVIDIA OCI hook:"
                            + " pods with runtimeClassName nvidia fail, and other pods get no GPU unless the"
                            + " device plugin injects through CDI.")
                    .evidence(List.of(gpus.get(), new Evidence("/etc/crio", read),
                            new Evidence(String.join(", ", crio.hookFolders()), "no NVIDIA OCI hook")))
                    .fix("Run `" + CONFIGURE + "` (it writes /etc/crio/crio.conf.d/99-nvidia.toml), and create a"
                            + " RuntimeClass with `handler: nvidia`.")
                    .build());
        }
        return findings;
    }
}
