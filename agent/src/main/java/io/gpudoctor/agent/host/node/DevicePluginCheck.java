package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.util.List;

/**
 * {@code DEVICE_PLUGIN_NOT_RUNNING}: a Kubernetes node with GPUs whose kubelet has no NVIDIA
 * device plugin registered, so it advertises no {@code nvidia.com/gpu} and GPU pods stay
 * Pending. Silent when there are no GPUs known: NVML's own failure is then the finding.
 */
public final class DevicePluginCheck implements Check {

    private static final String KUBELET = "kubelet";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        KubeletFacts kubelet = facts.get(KubeletFacts.class);
        boolean running = facts.find(ProcessTable.class).map(t -> t.running(KUBELET)).orElse(false);
        int gpus = facts.find(GpuInventory.class).map(i -> i.gpus().size()).orElse(0);
        if (!(running || kubelet.config().isPresent()) || gpus == 0 || !kubelet.pluginSockets().isEmpty()) {
            return List.of();
        }
        Finding.Builder finding = Finding.of(FindingCode.DEVICE_PLUGIN_NOT_RUNNING, Severity.ERROR)
                .title("This Kubernetes node has " + gpus + " GPU(s) but no NVIDIA device plugin registered")
                .detail("The kubelet learns about GPUs only from a device plugin registered through a socket in "
                        + KubeletProbe.PLUGIN_FOLDER + ". There is none, so the node advertises no nvidia.com/gpu"
                        + " and pods that ask for one stay Pending with `Insufficient nvidia.com/gpu`.");
        if (running) {
            finding.evidence("/proc/*/comm", "kubelet running");
        }
        kubelet.config().ifPresent(c -> finding.evidence(c, "kubelet configuration present"));
        return List.of(finding
                .evidence(KubeletProbe.PLUGIN_FOLDER + "/" + KubeletProbe.GPU_SOCKET, "missing, and no nvidia*.sock")
                .evidence("NVML", gpus + " GPU(s)")
                .fix("Deploy the NVIDIA device plugin or the GPU Operator; where it is deployed, see why its pod"
                        + " on this node is not running: `kubectl -n gpu-operator get pods -o wide` (or the"
                        + " nvidia-device-plugin DaemonSet's namespace), then its logs. Check that its"
                        + " nvidiaDriverRoot (`/` or `/run/nvidia/driver`) matches this node.")
                .build());
    }
}
