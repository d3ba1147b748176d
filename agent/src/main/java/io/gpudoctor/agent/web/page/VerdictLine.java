package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/** The one line under a page's title that says how things stand, with how many errors and warnings. */
final class VerdictLine {

    private VerdictLine() {
    }

    /** The line for {@code verdict} ({@code ok}, {@code warn}, {@code error}) over {@code findings}; escaped. */
    static String of(String verdict, List<Finding> findings) {
        return switch (verdict) {
            case "ok" -> "OK: no problem found";
            case "warn" -> "Warning: " + count(findings, Severity.WARN, "warning");
            case "error" -> "Error: " + count(findings, Severity.ERROR, "error")
                    + (findings.stream().anyMatch(f -> f.severity() == Severity.WARN)
                    ? ", " + count(findings, Severity.WARN, "warning") : "");
            default -> Html.escape(verdict);
        };
    }

    private static String count(List<Finding> findings, Severity severity, String noun) {
        long n = findings.stream().filter(f -> f.severity() == severity).count();
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
