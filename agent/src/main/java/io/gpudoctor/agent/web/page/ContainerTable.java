package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import java.util.List;

/**
 * The containers using GPUs with their memory per GPU, the watched containers (those that use or
 * asked for a GPU) with their verdict, and the findings of each container that has any.
 */
final class ContainerTable {

    private ContainerTable() {
    }

    static String memory(List<ContainerMemory> containers) {
        if (containers.isEmpty()) {
            return "<p class=\"none\">No container is using a GPU.</p>\n";
        }
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"containers\">\n")
                .append("<thead><tr><th>Container</th><th>Runtime</th><th>Pod</th><th>GPU</th>")
                .append("<th class=\"num\">Memory</th></tr></thead>\n<tbody>\n");
        for (ContainerMemory c : containers) {
            WorkloadContainer w = c.container();
            String memory = c.processes() == c.processesWithUnknownMemory() ? "unknown"
                    : (c.processesWithUnknownMemory() > 0 ? "≥ " : "") + Quantities.bytes(c.usedMemoryBytes());
            out.append("<tr><td>").append(name(w)).append("</td><td>").append(Html.escape(w.runtime()))
                    .append("</td><td>").append(pod(w)).append("</td><td>").append(c.gpu())
                    .append("</td><td class=\"num\">").append(memory).append("</td></tr>\n");
        }
        return out.append("</tbody></table></div>\n").toString();
    }

    /** One row per watched container: who it is, why it is watched, its verdict and how many findings. */
    static String watched(List<ContainerFindings> containers) {
        if (containers.isEmpty()) {
            return "<p class=\"none\">No running container asked for a GPU.</p>\n";
        }
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"watched\">\n")
                .append("<thead><tr><th>Container</th><th>Runtime</th><th>Pod</th><th>Asked for a GPU by</th>")
                .append("<th>Verdict</th><th class=\"num\">Findings</th></tr></thead>\n<tbody>\n");
        for (ContainerFindings c : containers) {
            String verdict = Html.escape(c.verdict());
            out.append("<tr class=\"verdict-").append(verdict).append("\"><td>").append(name(c.container()))
                    .append("</td><td>").append(Html.escape(c.container().runtime())).append("</td><td>")
                    .append(pod(c.container())).append("</td><td>").append(Html.escape(c.ask().describe()))
                    .append("</td><td class=\"sev-").append(verdict).append("\"><span class=\"badge\">")
                    .append(verdict).append("</span></td><td class=\"num\">").append(c.findings().size())
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table></div>\n").toString();
    }

    /** The findings of each watched container that has any; the others are in {@link #watched}. */
    static String findings(List<ContainerFindings> containers) {
        List<ContainerFindings> withFindings = containers.stream().filter(c -> !c.findings().isEmpty()).toList();
        if (withFindings.isEmpty()) {
            return "<p class=\"none\">No watched container has a finding.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        for (ContainerFindings c : withFindings) {
            out.append("<h3 class=\"container\">").append(name(c.container()));
            String pod = pod(c.container());
            if (!pod.isEmpty()) {
                out.append(" <span class=\"pod\">").append(pod).append("</span>");
            }
            out.append("</h3>\n").append(FindingList.render(c.findings(), "No finding."));
        }
        return out.toString();
    }

    /** The container's name with its short id, escaped. */
    private static String name(WorkloadContainer w) {
        return Html.escape(w.name().orElse("(unnamed)")) + " <code>" + Html.escape(w.shortId()) + "</code>";
    }

    /** {@code namespace/pod}, escaped; empty outside Kubernetes. */
    private static String pod(WorkloadContainer w) {
        return w.pod().map(p -> Html.escape(w.namespace().map(n -> n + "/").orElse("") + p)).orElse("");
    }
}
