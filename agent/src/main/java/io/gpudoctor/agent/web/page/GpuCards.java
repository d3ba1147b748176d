package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.GpuFreshness;
import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One card per GPU: its name, a bar of used memory over total, the readings people look at first,
 * and, for a GPU whose reading could not be renewed, how old the values shown are and why.
 */
final class GpuCards {

    private GpuCards() {
    }

    /** The cards of {@code snapshot}'s GPUs, each with the host findings that name it. */
    static String render(GpuSnapshot snapshot, GpuFindings findings, Instant now) {
        if (snapshot.inventory().gpus().isEmpty()) {
            return "<p class=\"none\">The driver lists no GPU.</p>\n";
        }
        StringBuilder out = new StringBuilder("<div class=\"gpus\">\n");
        for (GpuReading gpu : snapshot.inventory().gpus()) {
            card(out, gpu, snapshot.freshnessOf(gpu.index()), findings, now);
        }
        return out.append("</div>\n").toString();
    }

    private static void card(StringBuilder out, GpuReading gpu, Optional<GpuFreshness> freshness,
                             GpuFindings findings, Instant now) {
        boolean stale = freshness.map(GpuFreshness::stale).orElse(false);
        List<Finding> own = findings.of(gpu.index());
        String verdict = Diagnosis.verdictOf(own);
        out.append("<article class=\"gpu").append(stale ? " stale" : "")
                .append(verdict.equals("ok") ? "" : " sev-" + verdict).append("\" data-gpu=\"")
                .append(gpu.index()).append("\">\n")
                .append("<h3>GPU ").append(gpu.index()).append(" · ")
                .append(Html.escape(gpu.name().orElse(own.stream().anyMatch(f -> f.code() == FindingCode.GPU_LOST)
                        ? "lost: no longer answers the driver" : "model not readable"))).append("</h3>\n")
                .append("<p class=\"id\">").append(identity(gpu, findings)).append("</p>\n");
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
        if (!own.isEmpty()) {
            out.append("<ul class=\"gpu-findings\">\n");
            own.forEach(f -> out.append("<li class=\"sev-").append(f.severity().label()).append("\"><code>")
                    .append(f.code().name()).append("</code> ").append(Html.escape(f.title())).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</article>\n");
    }

    /**
     * The UUID and PCI address NVML gave, or for a GPU it no longer answers for (lost) the PCI
     * address its findings name, so the card says which board to pull.
     */
    private static String identity(GpuReading gpu, GpuFindings findings) {
        Optional<String> pci = gpu.pciBusId().or(() -> findings.pciAddressOf(gpu.index())
                .map(p -> p + " (from the kernel log)"));
        return Html.escape(gpu.uuid().orElse("UUID not readable"))
                + pci.map(p -> " · PCI " + Html.escape(p)).orElse("");
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
        for (MigGpuInstance gi : gpu.migInstances()) {
            reading(out, "MIG instance " + gi.id(), gi.profile() + gi.memory().map(m -> ", "
                    + Quantities.bytes(m.usedBytes()) + " of " + Quantities.bytes(m.totalBytes()) + " used").orElse(""));
        }
        reading(out, "Processes", Integer.toString(gpu.processes().size()));
        out.append("</dl>\n");
    }

    private static void reading(StringBuilder out, String name, String value) {
        out.append("<div><dt>").append(name).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>\n");
    }
}
