package io.gpudoctor.agent.diagnosis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one diagnosis rule (a host check, a container check) isolated, and orders findings. Shared
 * by the host and the container diagnosis so that both report a defective rule the same way: as a
 * {@link FindingCode#CHECK_FAILED} finding, while every other rule still runs.
 */
public final class IsolatedRules {

    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparing(Finding::severity, Comparator.reverseOrder());

    private IsolatedRules() {
    }

    /**
     * The findings of {@code rule}, or one {@link FindingCode#CHECK_FAILED} finding in {@code scope}
     * naming {@code what} when the rule throws (or returns no list).
     *
     * @param what the rule as a person reads it, e.g. {@code check DockerRuntimeCheck}
     */
    public static List<Finding> run(String what, Scope scope, Supplier<List<Finding>> rule) {
        try {
            // copyOf inside the try: a rule that returns null is as defective as one that throws.
            return List.copyOf(rule.get());
        } catch (RuntimeException e) {
            return List.of(failed(what, describe(e), scope));
        }
    }

    /** Every finding, most severe first; stable, so equal severities keep their order. */
    public static List<Finding> mostSevereFirst(Collection<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(MOST_SEVERE_FIRST);
        return List.copyOf(sorted);
    }

    /** The finding that says {@code what} failed, for {@code why}. */
    static Finding failed(String what, String why, Scope scope) {
        return Finding.of(FindingCode.CHECK_FAILED, Severity.WARN)
                .scope(scope)
                .title("gpu-doctor could not complete one of its checks")
                .detail("The " + what + " failed, so its findings are missing from this diagnosis; the other"
                        + " checks ran normally. This is a defect in gpu-doctor, not a problem of the node.")
                .evidence(what, why)
                .fix("Report it with this output at the gpu-doctor issue tracker; run `gpu-doctor diagnose"
                        + " --format json` to capture the full diagnosis.")
                .build();
    }

    /** The exception as one line of evidence: its type and message, never its stack. */
    static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
