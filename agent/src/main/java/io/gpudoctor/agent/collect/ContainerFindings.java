package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.diagnosis.Finding;
import java.util.List;

/**
 * The active container-scope findings of one container that uses or asked for a GPU: the rows
 * of {@code gpu_doctor_container_finding}.
 */
public record ContainerFindings(WorkloadContainer container, List<Finding> findings) {

    public ContainerFindings {
        findings = List.copyOf(findings);
    }
}
