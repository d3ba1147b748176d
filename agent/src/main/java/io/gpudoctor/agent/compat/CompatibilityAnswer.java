package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Whether a driver runs a CUDA version, by the decision order of cuda-compat.md. Fully compatible
 * answers carry no finding code; every other verdict maps to one of docs/design.md's compatibility codes.
 */
public record CompatibilityAnswer(Verdict verdict, Optional<FindingCode> findingCode, Severity severity, String title,
        String detail, String fix, List<Source> sources) {

    public CompatibilityAnswer {
        sources = List.copyOf(sources);
    }

    /** The answer as a finding, for lists of findings; empty when there is nothing to report. */
    public Optional<CompatFinding> asFinding() {
        return findingCode.map(code -> new CompatFinding(code, severity, title, detail, fix, sources));
    }
}
