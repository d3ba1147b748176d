package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.containerd.ContainerdConfig;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F03: containerd's CRI plugin on a GPU host without an NVIDIA runtime, so pods with
 * {@code runtimeClassName: nvidia} fail and others get no GPU. Reported only where a Kubernetes
 * node agent uses containerd's CRI (a containerd that only Docker uses needs no CRI runtime), from
 * the config that containerd runs with, and only when every file of it was read. Not reported when
 * the CRI plugin is disabled or when CDI is enabled, which injects without the runtime.
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
        List<Evidence> users = ContainerEngines.containerdCriUsers(facts);
        if (gpus.isPresent() && !users.isEmpty() && containerd.fullyRead() && !containerd.criDisabled()
                && containerd.nvidiaRuntimes().isEmpty() && containerd.cdiExpectedBy().isEmpty()) {
            findings.add(notConfigured(containerd, gpus.get(), users));
        }
        return findings;
    }

    /** How each distribution gets an NVIDIA runtime into the config its containerd runs with. */
    static String configureFix(String mainPath) {
        if (mainPath.startsWith("/var/lib/rancher/")) {
            String service = mainPath.contains("/rke2/") ? "rke2-agent (or rke2-server)" : "k3s (or k3s-agent)";
            return "Install nvidia-container-toolkit and restart " + service + ": it finds nvidia-container-runtime and"
                    + " adds the nvidia runtime to " + mainPath + " itself. Changes of your own go in config.toml.tmpl"
                    + " next to it, never in config.toml, which is rewritten at every start.";
        }
        if (mainPath.startsWith("/var/snap/microk8s/")) {
            return "Run `microk8s enable nvidia` (the GPU Operator addon), or add the nvidia runtime to"
                    + " /var/snap/microk8s/current/args/containerd-template.toml and run `snap restart microk8s`.";
        }
        if (mainPath.startsWith("/etc/cri/")) {
            return "Add the nvidia-container-toolkit and NVIDIA driver system extensions to the Talos machine config"
                    + " and upgrade the node; they install the nvidia runtime as /etc/cri/conf.d/*.part.";
        }
        return "Run `sudo nvidia-ctk runtime configure --runtime=containerd --config=" + mainPath
                + " && sudo systemctl restart containerd`, and create a RuntimeClass with `handler: nvidia` for pods"
                + " to use.";
    }

    private static Finding notConfigured(ContainerdFacts containerd, Evidence gpus, List<Evidence> users) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(gpus);
        evidence.addAll(users);
        evidence.add(new Evidence(containerd.mainPath(), (containerd.mainPresent()
                ? "version " + containerd.version() + ", no nvidia runtime under plugins.\""
                        + ContainerdConfig.criPluginId(containerd.version()) + "\""
                : "file missing") + "; read as " + containerd.mainReason()));
        String title = "containerd has no NVIDIA runtime configured";
        String fix = configureFix(containerd.mainPath());
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
