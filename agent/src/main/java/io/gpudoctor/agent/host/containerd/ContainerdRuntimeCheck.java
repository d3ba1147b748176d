package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.ContainerEngines;
import io.gpudoctor.agent.host.runtime.GpuPresence;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F03: containerd's CRI plugin on a GPU host without an NVIDIA runtime, so pods with
 * {@code runtimeClassName: nvidia} fail and others get no GPU. Not reported when the CRI plugin
 * is disabled (Docker's own containerd) or when CDI is enabled, which injects without the runtime.
 * The usual causes are named: a drop-in that no {@code imports} entry loads, or a runtime written
 * under another config version's plugin id.
 */
public final class ContainerdRuntimeCheck implements Check {

    static final String CONFIGURE = "sudo nvidia-ctk runtime configure --runtime=containerd && sudo systemctl restart containerd";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<ContainerdFacts> found = facts.find(ContainerdFacts.class);
        if (found.isEmpty() || !ContainerEngines.containerd(facts)) {
            return List.of();
        }
        ContainerdFacts containerd = found.get();
        List<Finding> findings = new ArrayList<>();
        for (RuntimeBinary binary : containerd.runtimeBinaries()) {
            if (binary.missing()) {
                findings.add(RuntimeFindings.missingBinary(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED,
                        "containerd", binary, CONFIGURE));
            }
        }
        Optional<Evidence> gpus = GpuPresence.seen(facts);
        if (gpus.isPresent() && !containerd.criDisabled() && containerd.nvidiaRuntimes().isEmpty()
                && containerd.cdiExpectedBy().isEmpty()) {
            findings.add(notConfigured(containerd, gpus.get()));
        }
        return findings;
    }

    private static Finding notConfigured(ContainerdFacts containerd, Evidence gpus) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(gpus);
        evidence.add(new Evidence(containerd.mainPath(), containerd.mainPresent()
                ? "version " + containerd.version() + ", no nvidia runtime under plugins.\""
                        + ContainerdConfig.criPluginId(containerd.version()) + "\""
                : "file missing"));
        String title = "containerd has no NVIDIA runtime configured";
        String fix = "Run `" + CONFIGURE + "`, and create a RuntimeClass with `handler: nvidia` for pods to use.";
        if (!containerd.unimportedDropIns().isEmpty()) {
            containerd.unimportedDropIns().forEach(path -> evidence.add(new Evidence(path, "not listed in imports")));
            title = "containerd does not import the NVIDIA drop-in";
            fix = "Add `imports = [\"/etc/containerd/conf.d/*.toml\"]` at the top of " + containerd.mainPath()
                    + " (or run `" + CONFIGURE + "`), then restart containerd.";
        } else if (!containerd.misplacedRuntimes().isEmpty()) {
            containerd.misplacedRuntimes().forEach(runtime -> evidence.add(new Evidence(containerd.mainPath(),
                    "runtime " + runtime.name() + " under plugins.\"" + runtime.pluginId() + "\", ignored by version "
                            + containerd.version())));
            title = "containerd's NVIDIA runtime is under another config version's plugin id";
        }
        return Finding.of(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED, Severity.ERROR)
                .title(title)
                .detail("This host has NVIDIA GPUs, but containerd's CRI plugin has no nvidia runtime and CDI is"
                        + " not enabled: pods with runtimeClassName nvidia fail with \"no runtime for nvidia is"
                        + " configured\", and the device plugin cannot inject GPUs into other pods.")
                .evidence(evidence)
                .fix(fix)
                .build();
    }
}
