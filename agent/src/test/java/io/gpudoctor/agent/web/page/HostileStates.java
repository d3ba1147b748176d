package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.container.watch.GpuAsk;
import io.gpudoctor.agent.container.watch.GpuAskSource;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.metrics.NodeStates;
import java.util.List;
import java.util.Set;

/** A node state whose container's owner chose its name, pod and finding text to attack the page. */
final class HostileStates {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMAGE = "<img src=x onerror=alert(2)>";

    private HostileStates() {
    }

    /** {@code state} with a container named {@link #SCRIPT} on GPU 0, and a finding of it quoting {@link #IMAGE}. */
    static NodeState withHostileContainer(NodeState state) {
        String uuid = state.gpus().orElseThrow().inventory().gpus().get(0).uuid().orElse("");
        WorkloadContainer evil = NodeStates.container("0123456789ab".repeat(5) + "cdef", SCRIPT,
                "pod\"><b>bold</b>", "ns'" + IMAGE);
        Finding finding = Finding.of(FindingCode.CONTAINER_LIBCUDA_MISSING, Severity.ERROR)
                .title("libcuda missing in " + SCRIPT)
                .detail("detail " + IMAGE)
                .evidence("/proc/4242/root/" + SCRIPT, IMAGE)
                .fix("run </pre>" + SCRIPT)
                .build();
        NodeState withMemory = NodeStates.withProcesses(state, List.of(),
                List.of(new ContainerMemory(0, uuid, evil, 1L << 30, 1, 0)), List.of());
        return NodeStates.withContainerFindings(withMemory, List.of(new ContainerFindings(evil,
                new GpuAsk(Set.of(GpuAskSource.GPU_PROCESS)), List.of(finding))));
    }
}
