package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.GpuFreshness;
import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuReading;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One card per GPU: its name, a bar of used memory over total, the readings people look at first,
 * and, for a GPU whose reading could not be renewed, how old the values shown are and why.
 */
final class GpuCards {

    private GpuCards() {
    }

    static String render(GpuSnapshot snapshot, Instant now) {
        if (snapshot.inventory().gpus().isEmpty()) {
            return "<p class=\"none\">The driver lists no GPU.</p>\n";
        }
        StringBuilder out = new StringBuilder("<div class=\"gpus\">\n");
        for (GpuReading gpu : snapshot.inventory().gpus()) {
            card(out, gpu, snapshot.freshnessOf(gpu.index()), now);
        }
        return out.append("</div>\n").toString();
    }

    private static void card(StringBuilder out, GpuReading gpu, Optional<GpuFreshness> freshness, Instant now) {
        boolean stale = freshness.map(GpuFreshness::stale).orElse(false);
        out.append("<article class=\"gpu").append(stale ? " stale" : "").append("\" data-gpu=\"")
                .append(gpu.index()).append("\">\n")
                .append("<h3>GPU ").append(gpu.index()).append(" · ")
                .append(Html.escape(gpu.name().orElse("unknown model"))).append("</h3>\n")
                .append("<p class=\"id\">").append(Html.escape(gpu.uuid().orElse("UUID unknown")))
                .append(gpu.pciBusId().map(p -> " · " + Html.escape(p)).orElse("")).append("</p>\n");
        freshness.filter(GpuFreshness::stale).ifPresent(f -> out.append("<p class=\"stale-note\">Stale: values read ")
                .append(Quantities.age(f.age(now))).append(" ago")
                .append(f.staleBecause().map(r -> " (" + Html.escape(r) + ")").orElse("")).append("</p>\n"));
        memory(out, gpu);
        readings(out, gpu);
        if (gpu.memory().isEmpty() && !gpu.errors().isEmpty()) {
            CallError first = gpu.errors().get(0);
            out.append("<p class=\"error\">").append(Html.escape(first.call())).append(": ")
                    .append(Html.escape(first.error())).append("</p>\n");
        }
        out.append("</article>\n");
    }

    private static void memory(StringBuilder out, GpuReading gpu) {
        gpu.memory().ifPresentOrElse(m -> {
            double percent = Quantities.percent(m.usedBytes(), m.totalBytes());
            out.append("<div class=\"bar\" role=\"meter\" aria-label=\"memory used\" aria-valuemin=\"0\" aria-valuemax=\"")
                    .append(m.totalBytes()).append("\" aria-valuenow=\"").append(m.usedBytes()).append("\">")
                    .append("<span style=\"width:").append(String.format(Locale.ROOT, "%.1f", percent))
                    .append("%\"></span></div>\n")
                    .append("<p class=\"mem\">").append(Quantities.bytes(m.usedBytes())).append(" of ")
                    .append(Quantities.bytes(m.totalBytes())).append(" used (")
                    .append(Quantities.percentText(percent)).append(")</p>\n");
        }, () -> out.append("<p class=\"mem\">Memory: no reading</p>\n"));
    }

    private static void readings(StringBuilder out, GpuReading gpu) {
        out.append("<dl class=\"readings\">\n");
        gpu.utilizationGpuPercent().ifPresent(u -> reading(out, "Utilization", u + " %"));
        gpu.temperatureCelsius().ifPresent(t -> reading(out, "Temperature", t + " °C"));
        gpu.powerUsageWatts().ifPresent(p -> reading(out, "Power", Quantities.watts(p)
                + gpu.powerLimitWatts().map(l -> " of " + Quantities.watts(l)).orElse("")));
        gpu.fanSpeedPercent().ifPresent(f -> reading(out, "Fan", f + " %"));
        gpu.persistenceMode().ifPresent(p -> reading(out, "Persistence", p ? "on" : "off"));
        reading(out, "Processes", Integer.toString(gpu.processes().size()));
        out.append("</dl>\n");
    }

    private static void reading(StringBuilder out, String name, String value) {
        out.append("<div><dt>").append(name).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>\n");
    }
}
