package io.gpudoctor.agent.host.crio;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.List;

/** CRI-O config files CRI-O cannot load. */
public final class CrioConfigCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<ConfigProblem> problems = facts.find(CrioFacts.class).map(CrioFacts::problems).orElse(List.of());
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(RuntimeFindings.invalidConfig(FindingCode.CRIO_CONFIG_INVALID, "CRI-O", problems,
                "Correct the file named in the evidence (`crio config` prints what CRI-O would load), then run"
                        + " `sudo systemctl restart crio`."));
    }
}
