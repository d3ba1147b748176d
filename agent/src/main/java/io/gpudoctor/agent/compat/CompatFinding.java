package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * One finding of the compatibility rules, shaped like a diagnosis finding of docs/design.md: a stable
 * {@code code}, its severity, and the sources of the numbers it used.
 */
public record CompatFinding(FindingCode code, Severity severity, String title, String detail, String fix,
        List<Source> sources) {

    public CompatFinding {
        sources = List.copyOf(sources);
    }
}
