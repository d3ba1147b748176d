package io.gpudoctor.agent.gpus;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@link GpuInventory} as one line per GPU, as {@code nvidia-smi -L} and its summary table give
 * it: index, name, short UUID, memory, utilisation, temperature, power and the number of
 * processes. What NVML could not read is a dash; a GPU in MIG mode, which has no utilisation of its
 * own, says MIG there. {@link GpuInventoryText} is the full view.
 */
public final class GpuSummaryText {

    private static final long MIB = 1024L * 1024L;
    private static final String ROW = "%-4s %-26s %-12s %17s %5s %6s %15s %5s%n";

    private GpuSummaryText() {
    }

    public static String render(GpuInventory inv) {
        StringBuilder out = new StringBuilder();
        out.append(inv.verdict()).append("\n\n");
        if (inv.gpus().isEmpty()) {
            return out.append("No GPU visible: `gpu-doctor gpus --details` says why.\n").toString();
        }
        out.append(String.format(Locale.ROOT, ROW, "GPU", "NAME", "UUID", "MEMORY USED/TOTAL", "UTIL", "TEMP",
                "POWER", "PROCS"));
        for (GpuReading g : inv.gpus()) {
            out.append(String.format(Locale.ROOT, ROW, g.index(), g.name().orElse("-"),
                    g.uuid().map(u -> u.length() > 12 ? u.substring(0, 12) : u).orElse("-"),
                    g.memory().map(m -> m.usedBytes() / MIB + "/" + m.totalBytes() / MIB + " MiB").orElse("-"),
                    g.utilizationGpuPercent().map(u -> u + "%").orElse(g.migInstances().isEmpty() ? "-" : "MIG"),
                    g.temperatureCelsius().map(t -> t + "°C").orElse("-"),
                    watts(g.powerUsageWatts()) + "/" + watts(g.powerLimitWatts()) + " W",
                    g.processes().size()));
        }
        return out.toString();
    }

    private static String watts(Optional<Double> watts) {
        return watts.map(w -> Long.toString(Math.round(w))).orElse("-");
    }
}
