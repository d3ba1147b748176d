package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.cdi.CdiFacts;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.containerd.ContainerdRuntime;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.crio.CrioRuntime;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.node.KubeletFacts;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code NVIDIA_RUNTIME_NOT_DEFAULT}: a Kubernetes node whose CRI engine has the NVIDIA runtime,
 * but not as its default, and no other way for a pod without {@code runtimeClassName: nvidia} to
 * get a GPU (no NVIDIA OCI hook, no CDI with an NVIDIA spec). The device plugin's pod and such
 * pods then fail with "Failed to initialize NVML". A warning while the device plugin is not
 * registered (its pod is the usual victim); information once it is, since then pods do ask for
 * the runtime class, as k3s's and Talos's guides have them do.
 */
public final class DefaultRuntimeCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        if (GpuPresence.seen(facts).isEmpty()) {
            return List.of();
        }
        boolean nvidiaSpec = facts.find(CdiFacts.class).map(cdi -> !cdi.validNvidiaFiles().isEmpty()).orElse(false);
        boolean pluginRegistered = facts.find(KubeletFacts.class).map(k -> !k.pluginSockets().isEmpty()).orElse(false);
        List<Finding> findings = new ArrayList<>();
        facts.find(ContainerdFacts.class).flatMap(c -> containerd(c, facts, nvidiaSpec, pluginRegistered))
                .ifPresent(findings::add);
        facts.find(CrioFacts.class).flatMap(c -> crio(c, facts, nvidiaSpec, pluginRegistered)).ifPresent(findings::add);
        facts.find(DockerFacts.class).flatMap(d -> docker(d, facts, pluginRegistered)).ifPresent(findings::add);
        return findings;
    }

    private static Optional<Finding> containerd(ContainerdFacts containerd, HostFacts facts, boolean nvidiaSpec,
                                                boolean pluginRegistered) {
        List<Evidence> users = ContainerEngines.containerdCriUsers(facts);
        // containerd 2.x (config version 3) resolves CDI unless told not to
        boolean cdiOn = !containerd.cdiEnabledBy().isEmpty() || containerd.version() >= 3;
        if (users.isEmpty() || !containerd.fullyRead() || containerd.criDisabled() || containerd.nvidiaRuntimes().isEmpty()
                || containerd.nvidiaIsDefault() || (cdiOn && nvidiaSpec)) {
            return Optional.empty();
        }
        String runtimes = containerd.nvidiaRuntimes().stream().map(ContainerdRuntime::name).sorted()
                .collect(Collectors.joining(", "));
        List<Evidence> evidence = new ArrayList<>(users);
        evidence.add(new Evidence(containerd.mainPath() + " (merged, " + containerd.mainReason() + ")",
                "default_runtime_name = \"" + containerd.effectiveDefaultRuntime() + "\""
                        + (containerd.defaultRuntimeName().isEmpty() ? " (unset)" : "") + "; NVIDIA runtimes: " + runtimes));
        evidence.add(new Evidence(containerd.mainPath(), cdiOn ? "CDI on, but no NVIDIA CDI spec" : "CDI not enabled"));
        return Optional.of(finding("containerd", evidence, pluginRegistered, setAsDefault(containerd.mainPath())));
    }

    private static Optional<Finding> crio(CrioFacts crio, HostFacts facts, boolean nvidiaSpec, boolean pluginRegistered) {
        List<Evidence> users = ContainerEngines.crioCriUsers(facts);
        if (users.isEmpty() || !crio.fullyRead() || crio.nvidiaRuntimes().isEmpty() || crio.nvidiaIsDefault()
                || !crio.nvidiaHooks().isEmpty() || nvidiaSpec) {
            return Optional.empty();
        }
        String runtimes = crio.nvidiaRuntimes().stream().map(CrioRuntime::name).sorted().collect(Collectors.joining(", "));
        List<Evidence> evidence = new ArrayList<>(users);
        evidence.add(new Evidence("/etc/crio (merged)", "default_runtime = \""
                + crio.defaultRuntime().orElse("CRI-O's built-in default") + "\"; NVIDIA runtimes: " + runtimes));
        evidence.add(new Evidence(String.join(", ", crio.hookFolders()), "no NVIDIA OCI hook, and no NVIDIA CDI spec"));
        return Optional.of(finding("CRI-O", evidence, pluginRegistered,
                "`sudo nvidia-ctk runtime configure --runtime=crio --set-as-default && sudo systemctl restart crio`"));
    }

    /** Docker matters to Kubernetes only through cri-dockerd. */
    private static Optional<Finding> docker(DockerFacts docker, HostFacts facts, boolean pluginRegistered) {
        Optional<Long> criDockerd = facts.find(ProcessTable.class).flatMap(t -> t.oldest("cri-dockerd")).map(p -> p.pid());
        boolean nvidiaDefault = docker.config().flatMap(c -> c.defaultRuntime()).map("nvidia"::equals).orElse(false);
        if (criDockerd.isEmpty() || !docker.nvidiaRuntime() || nvidiaDefault) {
            return Optional.empty();
        }
        List<Evidence> evidence = List.of(new Evidence("/proc/" + criDockerd.get() + "/comm", "cri-dockerd running"),
                new Evidence(docker.configPath(), "default-runtime = \""
                        + docker.config().flatMap(c -> c.defaultRuntime()).orElse("runc") + "\"; runtimes.nvidia set"));
        return Optional.of(finding("Docker", evidence, pluginRegistered,
                "`sudo nvidia-ctk runtime configure --runtime=docker --set-as-default && sudo systemctl restart docker`"));
    }

    private static Finding finding(String engine, List<Evidence> evidence, boolean pluginRegistered, String setAsDefault) {
        return Finding.of(FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT, pluginRegistered ? Severity.INFO : Severity.WARN)
                .title(engine + " has the NVIDIA runtime, but not as its default")
                .detail("Pods get the NVIDIA runtime only when they ask for it with `runtimeClassName: nvidia`;"
                        + " the others, the device plugin's pod among them unless it asks too, start without GPU"
                        + " access and fail with \"Failed to initialize NVML\"."
                        + (pluginRegistered ? " The device plugin is registered, so it does ask: this is how"
                                + " pods here must be written." : ""))
                .evidence(evidence)
                .fix("Make it the default: " + setAsDefault + "; or give the device plugin and every GPU pod"
                        + " `runtimeClassName: nvidia` (Helm: `--set runtimeClassName=nvidia`).")
                .build();
    }

    /** The set-as-default command for the config containerd runs with, per distribution. */
    static String setAsDefault(String mainPath) {
        if (mainPath.startsWith("/var/lib/rancher/")) {
            return "start " + (mainPath.contains("/rke2/") ? "RKE2" : "k3s") + " with `--default-runtime=nvidia`";
        }
        if (mainPath.startsWith("/etc/cri/")) {
            return "add a /etc/cri/conf.d part setting `default_runtime_name = \"nvidia\"` through the Talos machine config";
        }
        return "`sudo nvidia-ctk runtime configure --runtime=containerd --set-as-default --config=" + mainPath
                + " && sudo systemctl restart containerd`";
    }
}
