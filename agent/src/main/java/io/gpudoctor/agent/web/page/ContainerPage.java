package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.diagnosis.Diagnosis;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The page a developer inside a container gets at {@code /}: their own container's diagnosis,
 * host findings included, since a broken driver breaks their container too. Nothing about any
 * other container or the node's GPUs beyond what the diagnosis itself carries. It does not reload
 * itself: each load diagnoses the container again.
 */
final class ContainerPage {

    private ContainerPage() {
    }

    static String render(Diagnosis diagnosis, Instant now) {
        String name = diagnosis.container().map(ContainerPage::name).orElse("your container");
        StringBuilder out = PageShell.open("gpu-doctor · " + name + " · " + diagnosis.verdict(), OptionalInt.empty());
        out.append("<header class=\"verdict-").append(Html.escape(diagnosis.verdict())).append("\">\n")
                .append("<h1>").append(Html.escape(name)).append("</h1>\n")
                .append("<p class=\"verdict-line\" id=\"verdict\">")
                .append(VerdictLine.of(diagnosis.verdict(), diagnosis.findings())).append("</p>\n")
                .append("<p class=\"meta\">Diagnosed ").append(PageShell.WHEN.format(now))
                .append(" on ").append(Html.escape(diagnosis.host().hostname()));
        diagnosis.container().ifPresent(c -> {
            out.append(" · ").append(Html.escape(c.runtime()));
            c.pod().ifPresent(p -> out.append(" · pod ")
                    .append(Html.escape(c.namespace().map(n -> n + "/").orElse("") + p)));
            c.cuda().ifPresent(cuda -> out.append(" · needs CUDA ").append(Html.escape(cuda.required()))
                    .append(" (").append(Html.escape(cuda.source())).append(')'));
        });
        diagnosis.host().driver().kernelModuleVersion()
                .ifPresent(v -> out.append(" · host driver ").append(Html.escape(v)));
        out.append("</p>\n</header>\n<main>\n<section id=\"findings\">\n<h2>Findings</h2>\n")
                .append(FindingList.render(diagnosis.findings(),
                        "No problem found: this container and its host look able to use their GPUs."))
                .append("</section>\n<section id=\"about\">\n<h2>About this page</h2>\n")
                .append("<p>gpu-doctor on this node knows your container by the address you called from, and shows")
                .append(" you its diagnosis only. Reload to diagnose again; for a terminal or a script:</p>\n")
                .append("<pre class=\"ask\">curl -s '&lt;this address&gt;:9842/diagnose?format=text'   # or JSON:")
                .append(" leave out ?format=text</pre>\n</section>\n</main>\n");
        return PageShell.close(out);
    }

    private static String name(Diagnosis.Container container) {
        return container.name().orElse(container.id().substring(0, Math.min(12, container.id().length())));
    }
}
