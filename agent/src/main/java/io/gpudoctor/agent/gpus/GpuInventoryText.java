package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders a {@link GpuInventory} for a person, in the spirit of {@code nvidia-smi -q} on one screen. */
public final class GpuInventoryText {

    private static final long MIB = 1024L * 1024L;

    private GpuInventoryText() {
    }

    public static String render(GpuInventory inv) {
        StringBuilder out = new StringBuilder();
        out.append(inv.verdict()).append("\n\n");
        out.append("Source          ").append(inv.source());
        if (inv.source().equals("host")) {
            out.append(" (root ").append(inv.rootfs()).append(')');
        }
        out.append('\n');
        library(out, "NVML library", inv.libraries().nvml());
        library(out, "CUDA library", inv.libraries().cuda());
        GpuInventory.NvmlState nvml = inv.nvml();
        out.append("NVML            ").append(nvml.status());
        nvml.nvmlVersion().ifPresent(v -> out.append(", library version ").append(v));
        nvml.driverVersion().ifPresent(v -> out.append(", driver ").append(v));
        nvml.cudaDriverVersion().ifPresent(v -> out.append(", CUDA ").append(v));
        out.append('\n');
        if (!nvml.status().equals("NVML_SUCCESS")) {
            out.append("                ").append(nvml.meaning()).append('\n');
        }
        GpuInventory.CudaState cuda = inv.cuda();
        out.append("CUDA driver     ");
        cuda.driverVersion().ifPresent(v -> out.append(v).append(" (cuDriverGetVersion), "));
        out.append("cuInit ").append(cuda.initResult());
        cuda.deviceCount().ifPresent(n -> out.append(", ").append(n).append(" device(s)"));
        out.append('\n');
        if (!cuda.initResult().equals("CUDA_SUCCESS")) {
            out.append("                ").append(cuda.meaning()).append('\n');
        }
        errors(out, "                ", nvml.errors());
        errors(out, "                ", cuda.errors());
        if (inv.gpus().isEmpty()) {
            out.append("GPUs            none visible\n");
        }
        for (GpuReading gpu : inv.gpus()) {
            gpu(out, gpu);
        }
        containers(out, inv.containers());
        return out.toString();
    }

    private static void library(StringBuilder out, String label, LibraryReport lib) {
        out.append(String.format("%-16s", label));
        switch (lib.requested()) {
            case "none" -> out.append("not loaded (none requested)\n");
            case "simulated" -> out.append("simulated\n");
            default -> {
                Optional<LibraryCandidate> chosen = lib.chosen();
                if (chosen.isEmpty()) {
                    out.append(lib.soname()).append(" not found");
                    lib.ldSoCache().ifPresent(c -> out.append(" (ld.so.cache ").append(c.status().name().toLowerCase())
                            .append(c.problem().isEmpty() ? "" : ": " + c.problem()).append(')'));
                    out.append('\n');
                } else {
                    out.append(describe(chosen.get())).append(lib.loaded() ? "" : " — " + lib.loadError().orElse(""))
                            .append('\n');
                }
                for (LibraryCandidate other : lib.candidates()) {
                    if (chosen.isEmpty() || !other.realPath().equals(chosen.get().realPath())) {
                        out.append("                also ").append(describe(other)).append('\n');
                    }
                }
            }
        }
    }

    private static String describe(LibraryCandidate c) {
        String real = c.realPath().equals(c.path()) ? "" : " -> " + c.realPath();
        return c.path() + real + c.version().map(v -> " (" + v + ")").orElse("") + " [" + c.foundBy() + "]"
                + c.problem().map(p -> " — " + p).orElse("");
    }

    private static void gpu(StringBuilder out, GpuReading g) {
        out.append('\n').append("GPU ").append(g.index()).append("  ").append(g.name().orElse("(name unknown)"))
                .append('\n');
        row(out, "UUID", g.uuid());
        row(out, "PCI", g.pciBusId().map(b -> b + g.pciDeviceId().map(d -> "  [" + d + "]").orElse("")));
        row(out, "Brand / arch", join(g.brand(), g.architecture(), " / "));
        row(out, "Compute cap.", g.computeCapability());
        row(out, "Serial", g.serial());
        row(out, "Memory", g.memory().map(m -> mib(m.usedBytes()) + " used of " + mib(m.totalBytes())
                + " (" + mib(m.freeBytes()) + " free" + m.reservedBytes().map(r -> ", " + mib(r) + " reserved")
                .orElse("") + ")"));
        row(out, "Utilisation", g.utilizationGpuPercent().map(u -> u + " % GPU, "
                + g.utilizationMemoryPercent().orElse(0) + " % memory"));
        row(out, "Temperature", g.temperatureCelsius().map(t -> t + " °C"));
        row(out, "Power", g.powerUsageWatts().map(p -> String.format("%.1f W", p)
                + g.powerLimitWatts().map(l -> String.format(" of %.1f W", l)).orElse("")));
        row(out, "Energy", g.energyJoules().map(e -> String.format("%.1f kJ since driver load", e / 1000)));
        row(out, "Clocks", map(g.clocksMhz(), " MHz"));
        row(out, "Fan", g.fanSpeedPercent().map(f -> f + " %"));
        row(out, "PCIe", map(g.pcieKilobytesPerSecond(), " KB/s"));
        row(out, "ECC errors", map(g.eccErrors(), ""));
        row(out, "Remapped rows", g.remappedRows().map(r -> r.correctable() + " correctable, " + r.uncorrectable()
                + " uncorrectable" + (r.pending() ? ", remap pending" : "") + (r.failed() ? ", REMAP FAILED" : "")));
        row(out, "Clock events", g.clockEventReasons().map(l -> l.isEmpty() ? "none" : String.join(", ", l)));
        row(out, "Persistence", g.persistenceMode().map(p -> p ? "on" : "off"));
        row(out, "Compute mode", g.computeMode());
        row(out, "MIG", g.migMode().map(m -> (m.current() ? "enabled" : "disabled")
                + (m.pending() != m.current() ? " (" + (m.pending() ? "enabled" : "disabled") + " after reset)" : "")));
        for (MigGpuInstance gi : g.migInstances()) {
            row(out, "MIG instance", Optional.of("GI " + gi.id() + " " + printable(gi.profile())
                    + gi.memory().map(m -> "  " + mib(m.usedBytes()) + " used of " + mib(m.totalBytes())).orElse("")
                    + gi.computeInstances().stream().map(ci -> "  CI " + ci.id() + " " + printable(ci.uuid()))
                    .collect(Collectors.joining())));
        }
        boolean processesRead = g.errors().stream().noneMatch(e -> e.call().endsWith("Processes")
                || e.error().equals("NVML_ERROR_GPU_IS_LOST"));
        if (g.processes().isEmpty() && processesRead) {
            row(out, "Processes", Optional.of("none"));
        }
        for (GpuReading.Process p : g.processes()) {
            row(out, "Process", Optional.of("pid " + p.pid() + p.processName().map(n -> " " + printable(n)).orElse("")
                    + " (" + p.kind() + ") "
                    + p.usedMemoryBytes().map(GpuInventoryText::mib).orElse("memory n/a")
                    + p.gpuInstanceId().map(gi -> " MIG GI " + gi
                    + p.computeInstanceId().map(ci -> " CI " + ci).orElse("")).orElse("")
                    + p.container().map(c -> "  in " + describe(c)).orElse("")));
        }
        errors(out, "  ! ", g.errors());
    }

    private static void containers(StringBuilder out, List<ContainerMemory> containers) {
        if (containers.isEmpty()) {
            return;
        }
        out.append("\nContainers using GPUs\n");
        for (ContainerMemory c : containers) {
            out.append(String.format("  GPU %-3d %s  %s%s%n", c.gpu(), describe(c.container()), mib(c.usedMemoryBytes()),
                    c.processesWithUnknownMemory() == 0 ? "" : " + unknown (" + c.processesWithUnknownMemory()
                            + " of " + c.processes() + " processes gave no memory)"));
        }
    }

    /** {@code namespace/pod/container} or the runtime's name, then the runtime and short id. */
    private static String describe(WorkloadContainer c) {
        String pod = c.namespace().flatMap(ns -> c.pod().map(p -> ns + "/" + p + "/")).orElse("");
        String name = c.name().map(n -> pod + n).orElse(pod.isEmpty() ? "(unnamed)" : pod.substring(0, pod.length() - 1));
        return printable(name) + " [" + c.runtime() + " " + c.shortId() + "]";
    }

    /** Names come from files any process or pod spec can set: control characters must not reach the terminal. */
    private static String printable(String text) {
        return text.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void errors(StringBuilder out, String indent, List<CallError> errors) {
        for (CallError e : errors) {
            out.append(indent).append(e.call()).append(": ").append(e.error());
            if (e.error().equals("NVML_ERROR_GPU_IS_LOST")) {
                out.append(" — the GPU fell off the bus (see Xid 79 in dmesg); no further calls were made");
            }
            out.append('\n');
        }
    }

    private static void row(StringBuilder out, String label, Optional<String> value) {
        value.ifPresent(v -> out.append(String.format("  %-16s%s%n", label, v)));
    }

    private static Optional<String> map(Map<String, ? extends Number> values, String unit) {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + unit)
                .collect(Collectors.joining(", ")));
    }

    private static Optional<String> join(Optional<String> a, Optional<String> b, String sep) {
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get() + sep + b.get());
        }
        return a.or(() -> b);
    }

    private static String mib(long bytes) {
        return (bytes / MIB) + " MiB";
    }
}
