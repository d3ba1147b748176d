package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.GpuProcessUtilization;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.nativecall.CallOutcome;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.ProcessUtilizationSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads NVML's per-process utilization samples of each GPU once a cycle. It remembers each GPU's
 * newest sample time and asks only for newer samples, as NVML intends, so a cycle sees the processes
 * that used the GPU since the last one. A process with several samples counts with its newest. A GPU
 * that was not read this cycle (lost, or no UUID), or whose call fails, has no samples: its
 * containers then have no utilization series rather than a made-up 0.
 */
final class ProcessUtilizationReader {

    private final Map<Integer, Long> lastSeenMicros = new HashMap<>();

    List<GpuProcessUtilization> read(Nvml nvml, List<GpuReading> gpus, BoundedCaller caller) {
        List<GpuProcessUtilization> read = new ArrayList<>();
        for (GpuReading gpu : gpus) {
            if (gpu.uuid().isEmpty()) {
                continue;
            }
            int index = gpu.index();
            long lastSeen = lastSeenMicros.getOrDefault(index, 0L);
            CallOutcome<List<ProcessUtilizationSample>> outcome =
                    caller.call("processUtilization", () -> nvml.processUtilization(index, lastSeen));
            if (outcome instanceof CallOutcome.Done<List<ProcessUtilizationSample>> done) {
                Map<Long, ProcessUtilizationSample> newest = new TreeMap<>();
                for (ProcessUtilizationSample s : done.value()) {
                    newest.merge(s.pid(), s, (a, b) -> b.timestampMicros() > a.timestampMicros() ? b : a);
                    lastSeenMicros.merge(index, s.timestampMicros(), Math::max);
                }
                newest.values().forEach(s -> read.add(
                        new GpuProcessUtilization(index, gpu.uuid().get(), s.pid(), s.smPercent())));
            }
        }
        return List.copyOf(read);
    }
}
