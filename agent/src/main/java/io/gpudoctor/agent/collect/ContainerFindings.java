package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.container.watch.GpuAsk;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import java.util.List;
import java.util.Objects;

/**
 * A watched container (one that uses or asked for a GPU) with its active container-scope
 * findings: the rows of {@code gpu_doctor_container_finding}, and a row of the status page's
 * containers table.
 *
 * @param container the container as the metrics label it
 * @param ask       why it is watched
 * @param findings  its findings as of its last diagnosis, most severe first; none when it is fine
 */
public record ContainerFindings(WorkloadContainer container, GpuAsk ask, List<Finding> findings) {

    public ContainerFindings {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(ask, "ask");
        findings = List.copyOf(findings);
    }

    /** {@code ok}, {@code info}, {@code warn} or {@code error}: the worst severity among the findings. */
    public String verdict() {
        return Diagnosis.verdictOf(findings);
    }
}
