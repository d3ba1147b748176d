package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.LockedMemoryLimit;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.List;

/**
 * A GPU container whose processes may lock little memory ({@code RLIMIT_MEMLOCK}): registering
 * buffers for RDMA and GPUDirect ({@code ibv_reg_mr}) fails, NCCL over InfiniBand errors out or
 * falls back to sockets, and large pinned allocations fail. Containers inherit 64 KiB or 8 MiB
 * unless the runtime raises it; NVIDIA's own images are run with {@code --ulimit memlock=-1}.
 */
public final class LockedMemoryCheck implements ContainerCheck {

    /** Below this, pinning the buffers of even one multi-GPU job fails. */
    static final long MINIMUM_BYTES = 1L << 30;

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        if (!GpuRequest.wantsGpu(container)) {
            return List.of();
        }
        return container.lockedMemory().value()
                .filter(limit -> limit.softBytes().filter(bytes -> bytes < MINIMUM_BYTES).isPresent())
                .map(limit -> limited(container, limit))
                .stream().toList();
    }

    private static Finding limited(ContainerFacts container, LockedMemoryLimit limit) {
        long soft = limit.softBytes().orElseThrow();
        String hard = limit.hardBytes().map(ByteSizes::human).orElse("unlimited");
        boolean kubernetes = container.identity().pod().isPresent();
        return Finding.of(FindingCode.CONTAINER_MEMLOCK_LIMITED, Severity.WARN)
                .title("The container may lock only " + ByteSizes.human(soft) + " of memory: pinned memory, "
                        + "RDMA and NCCL over InfiniBand fail")
                .detail("RLIMIT_MEMLOCK caps the memory a process may pin. Registering GPU or host buffers for RDMA "
                        + "and GPUDirect (ibv_reg_mr) fails with 'Cannot allocate memory', NCCL reports 'NET/IB : "
                        + "Unable to register memory' or falls back to sockets, and large pinned allocations fail.")
                .evidence("/proc/" + container.identity().pid() + "/limits",
                        "Max locked memory: soft " + ByteSizes.human(soft) + ", hard " + hard)
                .fix(kubernetes
                        ? "Containers inherit the runtime's limit: raise it for containerd or CRI-O with a systemd "
                                + "drop-in (`systemctl edit containerd`, `[Service]` `LimitMEMLOCK=infinity`), restart "
                                + "the runtime, then recreate the pod."
                        : Engine.of(container.identity()) == Engine.DOCKER
                        ? "Recreate the container with `docker run --ulimit memlock=-1:-1 ...` (docker compose: "
                                + "`ulimits: {memlock: -1}`), or set `\"default-ulimits\": {\"memlock\": {\"Name\": "
                                + "\"memlock\", \"Soft\": -1, \"Hard\": -1}}` in /etc/docker/daemon.json."
                        : "Recreate the container with `" + SharedMemoryCheck.runCommand(container)
                                + " --ulimit memlock=-1:-1 ...`.")
                .build();
    }
}
