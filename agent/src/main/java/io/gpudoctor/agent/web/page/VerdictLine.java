package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one line under a page's title that says how things stand: the host's errors and warnings
 * and the containers that cannot use their GPU, so a node whose host is fine but whose container
 * is broken does not read "OK".
 */
final class VerdictLine {

    private VerdictLine() {
    }

    /** The verdict of the host's findings and the containers' together: the worst of them. */
    static String overall(String hostVerdict, List<ContainerFindings> containers) {
        List<Finding> all = new ArrayList<>();
        containers.forEach(c -> all.addAll(c.findings()));
        String containersVerdict = Diagnosis.verdictOf(all);
        return rank(containersVerdict) > rank(hostVerdict) ? containersVerdict : hostVerdict;
    }

    /** The line for {@code verdict} ({@code ok}, {@code warn}, {@code error}) over {@code findings}; escaped. */
    static String of(String verdict, List<Finding> findings) {
        return line(verdict, findings, "", List.of());
    }

    /** The line for the overall {@code verdict} over the host's findings and the containers'; escaped. */
    static String of(String verdict, List<Finding> findings, List<ContainerFindings> containers) {
        return line(verdict, findings, " on the host", containers);
    }

    private static String line(String verdict, List<Finding> findings, String where, List<ContainerFindings> containers) {
        List<String> parts = new ArrayList<>();
        long broken = containers.stream().filter(c -> c.verdict().equals("error")).count();
        long warned = containers.stream().filter(c -> c.verdict().equals("warn")).count();
        if (broken > 0) {
            parts.add(broken + (broken == 1 ? " container cannot" : " containers cannot") + " use its GPU");
        }
        List<String> host = new ArrayList<>();
        count(findings, Severity.ERROR, "error", "errors").ifPresent(host::add);
        count(findings, Severity.WARN, "warning", "warnings").ifPresent(host::add);
        if (!host.isEmpty()) {
            parts.add(String.join(", ", host) + where);
        }
        if (warned > 0) {
            parts.add(warned + (warned == 1 ? " container has a warning" : " containers have warnings"));
        }
        return switch (verdict) {
            case "ok" -> "OK: no problem found";
            case "warn" -> "WARNING: " + String.join(", ", parts);
            case "error" -> "ERROR: " + String.join(", ", parts);
            default -> Html.escape(verdict);
        };
    }

    private static Optional<String> count(List<Finding> findings, Severity severity, String one, String many) {
        long n = findings.stream().filter(f -> f.severity() == severity).count();
        return n == 0 ? Optional.empty() : Optional.of(n + " " + (n == 1 ? one : many));
    }

    private static int rank(String verdict) {
        return switch (verdict) {
            case "error" -> 2;
            case "warn" -> 1;
            default -> 0;
        };
    }
}
