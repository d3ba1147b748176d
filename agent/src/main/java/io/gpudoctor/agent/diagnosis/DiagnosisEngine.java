package io.gpudoctor.agent.diagnosis;

import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the probes over a host and the checks over the facts. Each probe and check is isolated
 * ({@link IsolatedRules}): one that throws becomes a {@link FindingCode#CHECK_FAILED} finding, and
 * every other one still runs, so a defect in one rule never costs the user the rest of the diagnosis.
 */
public final class DiagnosisEngine {

    private final List<HostProbe<?>> probes;
    private final List<Check> checks;

    public DiagnosisEngine(List<HostProbe<?>> probes, List<Check> checks) {
        this.probes = List.copyOf(probes);
        this.checks = List.copyOf(checks);
    }

    /** Probes the host; {@code known} holds facts gathered elsewhere (the GPU inventory). */
    public HostFacts probe(HostFileReader files, HostFacts.Builder known) {
        List<Evidence> failures = new ArrayList<>();
        for (HostProbe<?> probe : probes) {
            runProbe(probe, files, known, failures);
        }
        known.put(ProbeFailures.class, new ProbeFailures(failures));
        return known.build();
    }

    private static <T> void runProbe(HostProbe<T> probe, HostFileReader files, HostFacts.Builder facts,
                                     List<Evidence> failures) {
        try {
            facts.put(probe.type(), probe.probe(files, facts.build()));
        } catch (RuntimeException e) {
            failures.add(new Evidence(probe.getClass().getSimpleName(), IsolatedRules.describe(e)));
        }
    }

    /** Every check's findings, most severe first (stable within a severity). */
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (Evidence failure : facts.find(ProbeFailures.class).map(ProbeFailures::failures).orElse(List.of())) {
            findings.add(IsolatedRules.failed("probe " + failure.source(), failure.observed(), Scope.HOST));
        }
        for (Check check : checks) {
            findings.addAll(IsolatedRules.run("check " + check.getClass().getSimpleName(), Scope.HOST,
                    () -> check.evaluate(facts)));
        }
        return IsolatedRules.mostSevereFirst(findings);
    }
}
