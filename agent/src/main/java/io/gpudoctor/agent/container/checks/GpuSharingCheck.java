package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Other containers with processes on a GPU this container computes on, from the inventory's
 * attributed processes. Sharing without MIG time-slices the GPU and lets one container's memory
 * exhaust the other's: slowdowns and "CUDA out of memory" that depend on a neighbour. Processes
 * on different MIG instances do not share. With an MPS server on the GPU the sharing is
 * deliberate, and the finding only informs.
 */
public final class GpuSharingCheck implements ContainerCheck {

    private static final String MPS_SERVER = "nvidia-cuda-mps-server";

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : HostDriver.gpus(host)) {
            shared(container, gpu).ifPresent(findings::add);
        }
        return findings;
    }

    private static Optional<Finding> shared(ContainerFacts container, GpuReading gpu) {
        String id = container.identity().id();
        List<GpuReading.Process> own = gpu.processes().stream()
                .filter(p -> p.container().filter(c -> c.id().equals(id)).isPresent()).toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<GpuReading.Process>> others = new LinkedHashMap<>();
        gpu.processes().stream()
                .filter(p -> p.container().filter(c -> !c.id().equals(id)).isPresent())
                .filter(p -> own.stream().anyMatch(o -> sameInstance(o, p)))
                .forEach(p -> others.computeIfAbsent(p.container().orElseThrow().id(), k -> new ArrayList<>()).add(p));
        if (others.isEmpty()) {
            return Optional.empty();
        }
        boolean mps = gpu.processes().stream().anyMatch(p -> p.processName().filter(MPS_SERVER::equals).isPresent());
        String which = "GPU " + gpu.index() + gpu.name().map(n -> " (" + n + ")").orElse("");
        Finding.Builder finding = Finding.of(FindingCode.GPU_SHARED_BY_CONTAINERS, mps ? Severity.INFO : Severity.WARN)
                .title(which + " is shared with " + others.size() + " other container(s)"
                        + (mps ? " through MPS" : ": compute is time-sliced and memory contended"))
                .detail(mps
                        ? "An MPS server runs on the GPU, so the sharing is deliberate; the containers still share its "
                                + "memory, and one that allocates too much makes the others fail."
                        : "Without MIG the containers' kernels take turns on the whole GPU and draw on one pool of "
                                + "memory: each runs slower than alone, and 'CUDA out of memory' in one can come from "
                                + "another's allocations. This usually means NVIDIA_VISIBLE_DEVICES=all reached "
                                + "containers that were each meant to get a GPU of their own.");
        String uuid = gpu.uuid().orElse("GPU " + gpu.index());
        finding.evidence("NVML processes on " + uuid, "this container: " + pids(own));
        others.forEach((other, processes) ->
                finding.evidence("NVML processes on " + uuid, label(processes.get(0).container().orElseThrow())
                        + ": " + pids(processes)));
        return Optional.of(finding
                .fix(mps ? "Nothing to do if the sharing is meant; cap each client with "
                        + "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT so one cannot starve the others."
                        : Engine.of(container.identity()) == Engine.KUBERNETES
                        ? "Give each container its own GPU: request `nvidia.com/gpu: 1` and do not set "
                                + "NVIDIA_VISIBLE_DEVICES=all in the image; to share on purpose, partition with MIG "
                                + "(`nvidia-smi mig -cgi 9,9 -C`) or enable the device plugin's time-slicing "
                                + "(`sharing.timeSlicing.resources[].replicas`)."
                        : "Give each container its own GPU (`" + SharedMemoryCheck.runCommand(container)
                                + " --gpus '\"device=1\"' ...`); to share on purpose, partition with MIG "
                                + "(`nvidia-smi mig -cgi 9,9 -C`) or use MPS.")
                .build());
    }

    /** Under MIG only processes on the same GPU instance share; without MIG every process does. */
    private static boolean sameInstance(GpuReading.Process a, GpuReading.Process b) {
        return a.gpuInstanceId().isEmpty() || b.gpuInstanceId().isEmpty()
                || Objects.equals(a.gpuInstanceId(), b.gpuInstanceId());
    }

    private static String label(WorkloadContainer container) {
        String name = container.pod().map(p -> container.namespace().map(n -> n + "/").orElse("") + p + "/")
                .orElse("") + container.name().orElse(container.shortId());
        return container.runtime() + " container " + name + " (" + container.shortId() + ")";
    }

    private static String pids(List<GpuReading.Process> processes) {
        return String.join(", ", processes.stream().map(p -> "pid " + p.pid()
                + p.usedMemoryBytes().map(b -> " " + ByteSizes.human(b)).orElse("")).toList());
    }
}
