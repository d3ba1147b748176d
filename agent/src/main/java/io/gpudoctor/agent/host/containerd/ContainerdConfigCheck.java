package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.List;

/** containerd config files, or imports, that containerd cannot load. */
public final class ContainerdConfigCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<ConfigProblem> problems = facts.find(ContainerdFacts.class).map(ContainerdFacts::problems).orElse(List.of());
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(RuntimeFindings.invalidConfig(FindingCode.CONTAINERD_CONFIG_INVALID, "containerd", problems,
                "Correct the file named in the evidence (`containerd config dump` shows what containerd"
                        + " would load), then run `sudo systemctl restart containerd`."));
    }
}
