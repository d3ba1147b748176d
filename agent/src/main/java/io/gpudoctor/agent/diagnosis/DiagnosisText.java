package io.gpudoctor.agent.diagnosis;

import java.util.List;

/**
 * Renders a diagnosis for a person: the verdict, then the findings, most severe first, each with
 * its evidence and its fix; the host summary last. Colours only when asked (a terminal).
 */
public final class DiagnosisText {

    private static final String RESET = "\u001b[0m";

    private DiagnosisText() {
    }

    public static String render(Diagnosis d, boolean colour) {
        StringBuilder out = new StringBuilder();
        long errors = count(d.findings(), Severity.ERROR);
        long warnings = count(d.findings(), Severity.WARN);
        out.append(paint(colour, d.verdict(), "Verdict: " + d.verdict().toUpperCase(java.util.Locale.ROOT)))
                .append(d.findings().isEmpty() ? " — nothing wrong found"
                        : " — " + errors + " error(s), " + warnings + " warning(s), "
                        + count(d.findings(), Severity.INFO) + " note(s)")
                .append('\n');
        for (Finding f : d.findings()) {
            out.append('\n')
                    .append(paint(colour, f.severity().label(), "[" + f.severity().label().toUpperCase(java.util.Locale.ROOT)
                            + "] " + f.code()))
                    .append("  ").append(f.title()).append('\n');
            if (!f.detail().isBlank()) {
                out.append(indent(f.detail())).append('\n');
            }
            for (Evidence e : f.evidence()) {
                out.append("    evidence: ").append(e.source()).append(": ").append(e.observed()).append('\n');
            }
            out.append("    fix: ").append(f.fix()).append('\n');
        }
        Diagnosis.Host host = d.host();
        out.append('\n').append("Host ").append(host.hostname()).append(", kernel ").append(host.kernel()).append('\n');
        Diagnosis.Driver driver = host.driver();
        out.append("  kernel module ").append(driver.kernelModuleVersion().orElse("not loaded")).append('\n');
        out.append("  NVML          ").append(driver.nvml().status())
                .append(driver.nvml().version().map(v -> ", " + v).orElse(""))
                .append(driver.nvml().path().map(p -> " (" + p + ")").orElse("")).append('\n');
        out.append("  CUDA          ").append(driver.cuda().initResult())
                .append(driver.cuda().driverVersion().map(v -> ", driver supports CUDA " + v).orElse(""))
                .append(driver.cuda().path().map(p -> " (" + p + ")").orElse("")).append('\n');
        d.container().ifPresent(c -> out.append("Container ").append(c.name().orElse(c.id()))
                .append(" (").append(c.runtime()).append(' ').append(c.id(), 0, Math.min(12, c.id().length()))
                .append(", pid ").append(c.pid()).append(')')
                .append(c.pod().map(p -> ", pod " + c.namespace().map(n -> n + "/").orElse("") + p).orElse(""))
                .append(c.cuda().map(n -> ", needs CUDA " + n.required() + " (" + n.source() + ")").orElse(""))
                .append('\n'));
        for (Diagnosis.Gpu g : host.gpus()) {
            out.append("  GPU ").append(g.index()).append("         ").append(g.name().orElse("?"))
                    .append(g.pciBusId().map(b -> "  " + b).orElse(""))
                    .append(g.computeCapability().map(c -> "  cc " + c).orElse("")).append('\n');
        }
        return out.toString();
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        out.append("    ");
        for (String word : text.split(" ")) {
            if (column > 0 && column + word.length() > 92) {
                out.append("\n    ");
                column = 0;
            }
            if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    private static String paint(boolean colour, String level, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (level) {
            case "error" -> "\u001b[1;31m";
            case "warn" -> "\u001b[1;33m";
            case "info" -> "\u001b[1;36m";
            default -> "\u001b[1;32m";
        };
        return code + text + RESET;
    }
}
