package io.gpudoctor.agent.compat;

import java.util.List;

/** The text form of a {@link CompatReport}, for people: the verdict first, then each finding with its fix and sources. */
public final class CompatReportText {

    private CompatReportText() {
    }

    public static String render(CompatReport report) {
        StringBuilder out = new StringBuilder();
        CompatibilityAnswer answer = report.answer();
        out.append("Driver ").append(report.driver()).append(", CUDA ").append(report.toolkitRelease());
        report.gpu().ifPresent(gpu -> out.append(", ").append(gpu.name()).append(" (compute capability ")
                .append(gpu.computeCapability()).append(", ").append(gpu.gpuClass().label()).append(')'));
        out.append('\n');
        out.append("Verdict: ").append(answer.verdict()).append(" [").append(answer.severity().label()).append(']')
                .append(answer.findingCode().map(code -> " " + code).orElse("")).append('\n');
        section(out, answer.title(), answer.detail(), answer.fix(), answer.sources());
        for (CompatFinding finding : report.architecture()) {
            out.append('\n').append(finding.code()).append(" [").append(finding.severity().label()).append("]\n");
            section(out, finding.title(), finding.detail(), finding.fix(), finding.sources());
        }
        if (report.gpu().isPresent() && report.architecture().isEmpty()) {
            out.append("\nGPU architecture: no known support problem with CUDA ").append(report.cuda().minorRelease())
                    .append(" or driver branch R").append(report.driver().branch()).append(".\n");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String detail, String fix, List<Source> sources) {
        out.append("  ").append(title).append('\n');
        out.append("  ").append(detail).append('\n');
        out.append("  Fix: ").append(fix).append('\n');
        out.append("  Sources:\n");
        for (Source source : sources) {
            out.append("    ").append(source.url()).append("  (").append(source.title())
                    .append(source.confirmed() ? "" : "; UNCONFIRMED").append(")\n");
        }
    }
}
