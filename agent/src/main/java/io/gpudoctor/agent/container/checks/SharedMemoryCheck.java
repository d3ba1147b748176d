package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.MountFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.List;

/**
 * A GPU container whose {@code /dev/shm} is small: Docker's and Kubernetes' default of 64 MiB is
 * too little for PyTorch DataLoader workers (they pass batches through shared memory and die with
 * "bus error" or "unable to write to file </torch_...>") and for NCCL's intra-node transport.
 * Only a size the mount states is judged: with {@code --ipc=host} the host's {@code /dev/shm} has
 * no {@code size=} and is left alone.
 */
public final class SharedMemoryCheck implements ContainerCheck {

    /** Below this a multi-worker DataLoader or a multi-GPU NCCL job routinely runs out. */
    static final long MINIMUM_BYTES = 1L << 30;

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        if (!GpuRequest.wantsGpu(container)) {
            return List.of();
        }
        return container.mounts().value()
                .flatMap(mounts -> mounts.shmBytes().filter(bytes -> bytes < MINIMUM_BYTES)
                        .map(bytes -> small(container, mounts, bytes)))
                .stream().toList();
    }

    /** The run command of the container's engine, outside Kubernetes. */
    static String runCommand(ContainerFacts container) {
        return switch (Engine.of(container.identity())) {
            case PODMAN -> "podman run";
            case CONTAINERD -> "nerdctl run";
            default -> "docker run";
        };
    }

    private static Finding small(ContainerFacts container, MountFacts mounts, long bytes) {
        boolean kubernetes = container.identity().pod().isPresent();
        return Finding.of(FindingCode.CONTAINER_SHM_TOO_SMALL, Severity.WARN)
                .title("/dev/shm is only " + ByteSizes.human(bytes) + ": PyTorch DataLoader workers and NCCL "
                        + "need more")
                .detail("PyTorch DataLoader workers hand batches over through /dev/shm and fail with 'bus error' "
                        + "or 'unable to write to file </torch_...>' once it is full; NCCL puts its intra-node "
                        + "buffers there too. " + ByteSizes.human(bytes) + " is the runtime's default, not a size "
                        + "chosen for GPU work.")
                .evidence("/proc/" + container.identity().pid() + "/mountinfo",
                        "/dev/shm tmpfs size=" + mounts.shmSize().orElse(""))
                .fix(kubernetes
                        ? "Mount a memory-backed emptyDir at /dev/shm: `volumes: [{name: dshm, emptyDir: {medium: "
                                + "Memory, sizeLimit: 16Gi}}]` and `volumeMounts: [{name: dshm, mountPath: /dev/shm}]`."
                        : "Recreate the container with a larger /dev/shm: `" + runCommand(container) + " --shm-size=16g"
                                + " ...` (or `--ipc=host` to share the host's)"
                                + (Engine.of(container.identity()) == Engine.DOCKER ? ", `shm_size: 16gb` in docker compose."
                                : "."))
                .build();
    }
}
