package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.cdi.CdiFacts;
import io.gpudoctor.agent.host.cdi.CdiSpecMissing;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CDI_SPEC_MISSING}: some engine or the toolkit is set to inject GPUs through CDI, and no
 * usable NVIDIA spec is there for it to read. Joins the runtime configurations (what expects CDI)
 * with the CDI folders (what is there).
 */
public final class CdiSpecMissingCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Evidence> expectedBy = new ArrayList<>();
        facts.find(ToolkitFacts.class).ifPresent(f -> expectedBy.addAll(f.cdiExpectedBy()));
        facts.find(DockerFacts.class).ifPresent(f -> expectedBy.addAll(f.cdiExpectedBy()));
        facts.find(ContainerdFacts.class).ifPresent(f -> expectedBy.addAll(f.cdiExpectedBy()));
        facts.find(CrioFacts.class).ifPresent(f -> expectedBy.addAll(f.cdiExpectedBy()));
        return facts.find(CdiFacts.class).map(cdi -> CdiSpecMissing.findings(expectedBy, cdi)).orElse(List.of());
    }
}
