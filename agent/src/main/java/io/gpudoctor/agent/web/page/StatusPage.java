package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.web.ListenAddress;
import io.gpudoctor.agent.web.StatusPageRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The status page at {@code /}: the verdict, the host's findings with their evidence and fixes,
 * every GPU with its memory, the containers using GPUs, the watched containers (those that use or
 * asked for a GPU) with their verdicts and findings, a memory chart, and how a developer asks from
 * inside a container.
 *
 * <p>One self-contained document: inline CSS and SVG, no script, nothing loaded from anywhere
 * (its Content-Security-Policy forbids it), so it works on an air-gapped node and on a phone. It
 * reloads itself every {@value #REFRESH_SECONDS} seconds. Every string from the state is escaped.
 */
public final class StatusPage implements StatusPageRenderer {

    /** How often the page reloads itself. */
    public static final int REFRESH_SECONDS = 10;

    private final ListenAddress address;
    private final IntSupplier port;

    /**
     * @param address the address the daemon was asked to listen on
     * @param port    the port it listens on (known once bound, for port 0)
     */
    public StatusPage(ListenAddress address, IntSupplier port) {
        this.address = address;
        this.port = port;
    }

    @Override
    public String render(NodeState state, Instant now) {
        Optional<Diagnosis> host = state.host();
        String hostname = host.map(d -> d.host().hostname()).orElse("");
        String verdict = host.map(d -> VerdictLine.overall(d.verdict(), state.containers())).orElse("waiting");
        StringBuilder out = PageShell.open(title(hostname, verdict), OptionalInt.of(REFRESH_SECONDS));
        header(out, state, hostname, verdict, now);
        out.append("<main>\n");
        if (state.ready() || host.isPresent()) {
            sections(out, state, now, AskFromContainer.section(address.host(), port.getAsInt()));
        }
        return PageShell.close(out.append("</main>\n"));
    }

    @Override
    public String renderContainer(Diagnosis diagnosis, Instant now) {
        return ContainerPage.render(diagnosis, now);
    }

    private static String title(String hostname, String verdict) {
        return "gpu-doctor" + (hostname.isEmpty() ? "" : " · " + hostname) + " · " + verdict;
    }

    private static void header(StringBuilder out, NodeState state, String hostname, String verdict, Instant now) {
        out.append("<header class=\"verdict-").append(Html.escape(verdict)).append("\">\n")
                .append("<h1>").append(Html.escape(hostname.isEmpty() ? "gpu-doctor" : hostname)).append("</h1>\n")
                .append("<p class=\"verdict-line\" id=\"verdict\">").append(verdictLine(state, verdict))
                .append("</p>\n<p class=\"meta\">");
        state.gpus().map(GpuSnapshot::collectedAt).ifPresentOrElse(
                at -> out.append("GPUs read ").append(PageShell.WHEN.format(at)),
                () -> out.append("Page made ").append(PageShell.WHEN.format(now)));
        state.driver().ifPresent(d -> out.append(" · driver ").append(Html.escape(d.fromNvml() ? d.version()
                : d.version() + " (" + d.source() + ", not NVML)")));
        out.append(" · reloads every ").append(REFRESH_SECONDS).append(" s</p>\n</header>\n");
    }

    private static String verdictLine(NodeState state, String verdict) {
        if (!state.ready() && state.host().isEmpty()) {
            return "Waiting for the first collection…";
        }
        if (verdict.equals("waiting")) {
            return "GPUs read; the host diagnosis is still running…";
        }
        return VerdictLine.of(verdict, state.host().map(Diagnosis::findings).orElse(List.of()), state.containers());
    }

    private static void sections(StringBuilder out, NodeState state, Instant now, String ask) {
        List<Finding> findings = state.host().map(Diagnosis::findings).orElse(List.of());
        out.append("<section id=\"findings\">\n<h2>Host findings</h2>\n")
                .append(FindingList.render(findings, state.host().isPresent()
                        ? "No problem found on the host." : "The host diagnosis has not finished yet."))
                .append("</section>\n");
        state.gpus().ifPresent(snapshot -> {
            List<GpuReading> gpus = snapshot.inventory().gpus();
            out.append("<section id=\"gpus\">\n<h2>GPUs (").append(gpus.size()).append(")</h2>\n")
                    .append(GpuCards.render(snapshot, new GpuFindings(findings), now)).append("</section>\n");
            Map<Integer, Long> totals = gpus.stream().filter(g -> g.memory().isPresent())
                    .collect(Collectors.toMap(GpuReading::index, g -> g.memory().orElseThrow().totalBytes()));
            out.append("<section id=\"memory\">\n<h2>Memory over time</h2>\n")
                    .append(MemoryChart.render(state.memoryHistory(), totals)).append("</section>\n");
            List<ContainerMemory> containers = snapshot.attribution().containers();
            out.append("<section id=\"containers\">\n<h2>Containers using GPUs</h2>\n")
                    .append(ContainerTable.memory(containers)).append("</section>\n");
        });
        out.append("<section id=\"watched\">\n<h2>Containers that asked for a GPU (")
                .append(state.containers().size()).append(")</h2>\n")
                .append(ContainerTable.watched(state.containers())).append("</section>\n");
        out.append("<section id=\"container-findings\">\n<h2>Container findings</h2>\n")
                .append(ContainerTable.findings(state.containers())).append("</section>\n");
        out.append(ask);
    }
}
