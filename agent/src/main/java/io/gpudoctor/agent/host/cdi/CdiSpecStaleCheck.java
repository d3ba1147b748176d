package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.driver.RunningDriver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code CDI_SPEC_STALE}: a valid NVIDIA spec that no longer describes this node. The spec is a
 * snapshot taken by {@code nvidia-ctk cdi generate}; a driver upgrade, a GPU swap, a UVM module
 * loaded too late or an older toolkit leave it behind. One finding per spec, with every way it
 * has drifted as evidence, since they share one fix.
 */
public final class CdiSpecStaleCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<GpuInventory> inventory = facts.find(GpuInventory.class);
        Optional<RunningDriver> driver = RunningDriver.of(facts);
        List<Finding> findings = new ArrayList<>();
        for (CdiSpecFile file : facts.get(CdiFacts.class).validFilesOf(StaleReason.NVIDIA_VENDOR)) {
            List<StaleReason> reasons = StaleReason.of(file.spec().orElseThrow(), inventory, driver);
            if (!reasons.isEmpty()) {
                findings.add(finding(file.path(), reasons));
            }
        }
        return findings;
    }

    private static Finding finding(String path, List<StaleReason> reasons) {
        Severity worst = reasons.stream().map(StaleReason::severity).max(Comparator.naturalOrder()).orElseThrow();
        boolean oldToolkit = reasons.stream().anyMatch(StaleReason::needsNewerToolkit);
        // Each reason is a clause ("it mounts ...", "it lacks ..."): one sentence joins them.
        String detail = "The CDI spec was generated for a node that is no longer this one, and runtimes apply it as"
                + " written: " + reasons.stream().map(r -> r.sentence().substring(0, r.sentence().length() - 1))
                .collect(Collectors.joining("; ")) + ".";
        return Finding.of(FindingCode.CDI_SPEC_STALE, worst)
                .title("CDI spec " + path + " no longer matches this node's driver and GPUs")
                .detail(detail)
                .evidence(reasons.stream().flatMap(r -> r.evidence().stream()).toList())
                .fix((oldToolkit ? "Upgrade nvidia-container-toolkit to 1.17.8 or later, then r" : "R")
                        + "egenerate the spec: `nvidia-ctk cdi generate --output=" + path + "`"
                        + (path.startsWith(CdiSpecProbe.STATIC_DIR + "/") ? ""
                        : ", or `systemctl restart nvidia-cdi-refresh` where the toolkit's refresh service is installed")
                        + ". Containers started afterwards get the new spec.")
                .build();
    }
}
