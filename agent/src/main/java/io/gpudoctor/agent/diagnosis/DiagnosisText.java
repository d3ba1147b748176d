package io.gpudoctor.agent.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a diagnosis for a person, answer first: one sentence saying why a container (or
 * containers on this node) cannot use the GPU, or that nothing stops them; then the findings that
 * say so, in cause order, each with its fix and evidence; then the rest under "Also found"; which
 * findings one GPU reset clears together; the tally and the host summary last. Prose wraps at
 * {@code width} columns, or not at all when it is 0 (a pipe, a file). Colours only when asked.
 */
public final class DiagnosisText {

    private static final String RESET = "\u001b[0m";
    private static final String INDENT = "    ";

    private DiagnosisText() {
    }

    /** Unwrapped, for a pipe or an HTTP answer. */
    public static String render(Diagnosis d, boolean colour) {
        return render(d, colour, 0);
    }

    /** Wrapped at {@code width} columns; 0 for no wrapping. */
    public static String render(Diagnosis d, boolean colour, int width) {
        DiagnosisAnswer answer = DiagnosisAnswer.of(d);
        StringBuilder out = new StringBuilder();
        out.append(paint(colour, d.verdict(), wrap(answer.headline(), "", width))).append('\n');
        for (Finding f : answer.answer()) {
            finding(out, f, colour, width);
        }
        if (!answer.alsoFound().isEmpty()) {
            boolean explained = !answer.answer().isEmpty()
                    && Cause.of(answer.answer().get(0).code()).compareTo(Cause.NOT_LOOKED) <= 0;
            out.append('\n').append(answer.answer().isEmpty() ? "Found" : "Also found")
                    .append(explained ? " (this may follow from the above)" : "").append('\n');
            for (Finding f : answer.alsoFound()) {
                finding(out, f, colour, width);
            }
        }
        for (Map.Entry<Integer, List<Finding>> reset : answer.resets().entrySet()) {
            out.append('\n').append(wrap("One reset of GPU " + reset.getKey() + " (`sudo nvidia-smi -r -i "
                    + reset.getKey() + "`, once it is idle) clears the " + reset.getValue().size()
                    + " findings about it above: " + reset.getValue().stream().map(DiagnosisText::label)
                    .collect(Collectors.joining(", ")) + ".", "", width)).append('\n');
        }
        out.append('\n').append("Verdict: ").append(d.verdict().toUpperCase(Locale.ROOT)).append(" — ")
                .append(count(d.findings(), Severity.ERROR, "error")).append(", ")
                .append(count(d.findings(), Severity.WARN, "warning")).append(", ")
                .append(count(d.findings(), Severity.INFO, "note")).append('\n');
        out.append('\n');
        summary(out, d);
        return out.toString();
    }

    private static void finding(StringBuilder out, Finding f, boolean colour, int width) {
        String head = "[" + f.severity().label().toUpperCase(Locale.ROOT) + "] " + f.code();
        out.append('\n').append(paint(colour, f.severity().label(), head))
                .append(wrap("  " + f.title(), INDENT, width, head.length())).append('\n');
        if (!f.detail().isBlank()) {
            out.append(wrap(INDENT + f.detail(), INDENT, width)).append('\n');
        }
        // The fix before the evidence: it is what the reader came for, and evidence can run long.
        out.append(wrap(INDENT + "fix: " + f.fix(), INDENT + "     ", width)).append('\n');
        for (Evidence e : f.evidence()) {
            out.append(INDENT).append("evidence: ").append(e.source()).append(": ").append(e.observed()).append('\n');
        }
    }

    /** The code, and for an Xid which one: two XID_ERRORs on one GPU are told apart. */
    private static String label(Finding f) {
        if (f.code() == FindingCode.XID_ERROR && f.title().startsWith("Xid ")) {
            return f.code() + " (" + f.title().split(" ", 3)[0] + " " + f.title().split(" ", 3)[1] + ")";
        }
        return f.code().name();
    }

    private static void summary(StringBuilder out, Diagnosis d) {
        Diagnosis.Host host = d.host();
        out.append("Host ").append(host.hostname()).append(", kernel ").append(host.kernel()).append('\n');
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
    }

    private static String count(List<Finding> findings, Severity severity, String noun) {
        long n = findings.stream().filter(f -> f.severity() == severity).count();
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String wrap(String text, String indent, int width) {
        return wrap(text, indent, width, 0);
    }

    /**
     * {@code text} broken at spaces so that no line passes {@code width} (a word longer than a line
     * stays whole), lines after the first starting with {@code indent}; the first line starts
     * {@code column} characters in. Unchanged when {@code width} is 0.
     */
    static String wrap(String text, String indent, int width, int column) {
        if (width <= 0) {
            return text;
        }
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        StringBuilder out = new StringBuilder(text.substring(0, lead));
        int at = column + lead;
        boolean first = true;
        for (String word : words(text.substring(lead))) {
            if (!first && at + 1 + word.length() > width) {
                out.append('\n').append(indent);
                at = indent.length();
            } else if (!first) {
                out.append(' ');
                at++;
            }
            out.append(word);
            at += word.length();
            first = false;
        }
        return out.toString();
    }

    /** The words of {@code text}; a `command` in backticks is one word, so that no line break cuts it. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inCode = false;
        for (char c : text.toCharArray()) {
            if (c == '`') {
                inCode = !inCode;
            }
            if (c == ' ' && !inCode) {
                words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        words.add(word.toString());
        return words;
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
