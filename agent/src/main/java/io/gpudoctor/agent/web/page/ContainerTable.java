package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import java.util.List;

/** The containers using GPUs with their memory per GPU, and the findings of each container. */
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

    static String findings(List<ContainerFindings> containers) {
        if (containers.isEmpty()) {
            return "<p class=\"none\">No container using a GPU has a finding.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        for (ContainerFindings c : containers) {
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
