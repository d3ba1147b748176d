package io.gpudoctor.agent.diagnosis;

import io.gpudoctor.agent.host.HostFileReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the probes over a host and the checks over the facts. Each probe and check is isolated:
 * one that throws becomes a {@link FindingCode#CHECK_FAILED} finding, and every other one still
 * runs, so a defect in one rule never costs the user the rest of the diagnosis.
 */
public final class DiagnosisEngine {

    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparing(Finding::severity, Comparator.reverseOrder());

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
            failures.add(new Evidence(probe.getClass().getSimpleName(), describe(e)));
        }
    }

    /** Every check's findings, most severe first (stable within a severity). */
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (Evidence failure : facts.find(ProbeFailures.class).map(ProbeFailures::failures).orElse(List.of())) {
            findings.add(checkFailed("probe " + failure.source(), failure.observed()));
        }
        for (Check check : checks) {
            try {
                findings.addAll(check.evaluate(facts));
            } catch (RuntimeException e) {
                findings.add(checkFailed("check " + check.getClass().getSimpleName(), describe(e)));
            }
        }
        findings.sort(MOST_SEVERE_FIRST);
        return List.copyOf(findings);
    }

    private static Finding checkFailed(String what, String why) {
        return Finding.of(FindingCode.CHECK_FAILED, Severity.WARN)
                .title("gpu-doctor could not complete one of its checks")
                .detail("The " + what + " failed, so its findings are missing from this diagnosis; the other"
                        + " checks ran normally. This is a defect in gpu-doctor, not a problem of the node.")
                .evidence(what, why)
                .fix("Report it with this output at the gpu-doctor issue tracker; run `gpu-doctor diagnose"
                        + " --format json` to capture the full diagnosis.")
                .build();
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
