package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How busy each GPU is: {@code nvidia_gpu_utilization_ratio}, {@code nvidia_gpu_memory_utilization_ratio}
 * (0 to 1, over NVML's last sample period), {@code nvidia_gpu_clock_hertz{clock}} (graphics, sm,
 * memory, video) and {@code nvidia_gpu_pcie_{rx,tx}_bytes_per_second}.
 */
final class GpuActivityMetrics extends StateBinder {

    private static final double HERTZ_PER_MEGAHERTZ = 1_000_000;
    /** NVML's PCIe throughput is in KiB/s, as its other sizes are in binary units. */
    private static final double BYTES_PER_KILOBYTE = 1024;

    public GpuActivityMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("nvidia.gpu.utilization", Units.RATIO,
                        "Fraction of the last sample period in which a kernel ran on the GPU.",
                        s -> GpuRows.each(s, g -> g.utilizationGpuPercent().map(GpuActivityMetrics::ratio))),
                MeterSpec.gauge("nvidia.gpu.memory.utilization", Units.RATIO,
                        "Fraction of the last sample period in which device memory was read or written.",
                        s -> GpuRows.each(s, g -> g.utilizationMemoryPercent().map(GpuActivityMetrics::ratio))),
                MeterSpec.gauge("nvidia.gpu.clock", Units.HERTZ,
                        "Current clock frequency, by clock domain.",
                        s -> GpuRows.eachKeyed(s, "clock", g -> scaled(g.clocksMhz(), HERTZ_PER_MEGAHERTZ))),
                MeterSpec.gauge("nvidia.gpu.pcie.rx", Units.BYTES_PER_SECOND,
                        "PCIe throughput received by the GPU.",
                        s -> GpuRows.each(s, g -> pcie(g.pcieKilobytesPerSecond(), "rx"))),
                MeterSpec.gauge("nvidia.gpu.pcie.tx", Units.BYTES_PER_SECOND,
                        "PCIe throughput sent by the GPU.",
                        s -> GpuRows.each(s, g -> pcie(g.pcieKilobytesPerSecond(), "tx")))));
    }

    static double ratio(int percent) {
        return percent / 100.0;
    }

    private static Optional<Double> pcie(Map<String, Integer> kilobytesPerSecond, String direction) {
        return Optional.ofNullable(kilobytesPerSecond.get(direction)).map(kb -> kb * BYTES_PER_KILOBYTE);
    }

    private static Map<String, Double> scaled(Map<String, Integer> values, double factor) {
        Map<String, Double> scaled = new LinkedHashMap<>();
        values.forEach((key, v) -> scaled.put(key, v * factor));
        return scaled;
    }
}
