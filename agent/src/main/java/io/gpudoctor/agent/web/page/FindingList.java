package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import java.util.Comparator;
import java.util.List;

/** Findings as the page shows them: most severe first, each with its evidence and its fix. */
final class FindingList {

    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparing(Finding::severity, Comparator.reverseOrder());

    private FindingList() {
    }

    /** The findings as a list of articles, or {@code none} as a paragraph when there are none. */
    static String render(List<Finding> findings, String none) {
        if (findings.isEmpty()) {
            return "<p class=\"none\">" + Html.escape(none) + "</p>\n";
        }
        StringBuilder out = new StringBuilder("<div class=\"findings\">\n");
        findings.stream().sorted(MOST_SEVERE_FIRST).forEach(f -> finding(out, f));
        return out.append("</div>\n").toString();
    }

    private static void finding(StringBuilder out, Finding f) {
        String severity = f.severity().label();
        out.append("<article class=\"finding sev-").append(severity).append("\" data-code=\"")
                .append(f.code().name()).append("\">\n")
                .append("<h3><span class=\"badge\">").append(severity).append("</span> <code>")
                .append(f.code().name()).append("</code> ").append(Html.escape(f.title())).append("</h3>\n");
        if (!f.detail().isBlank()) {
            out.append("<p>").append(Html.escape(f.detail())).append("</p>\n");
        }
        if (!f.evidence().isEmpty()) {
            out.append("<dl class=\"evidence\">\n");
            for (Evidence e : f.evidence()) {
                out.append("<dt>").append(Html.escape(e.source())).append("</dt><dd>")
                        .append(Html.escape(e.observed())).append("</dd>\n");
            }
            out.append("</dl>\n");
        }
        out.append("<div class=\"fix\"><h4>Fix</h4><p class=\"fix-text\">").append(FixText.html(f.fix()))
                .append("</p></div>\n")
                .append("</article>\n");
    }
}
