package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.ClockEventReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Heat and power: {@code nvidia_gpu_temperature_celsius}, {@code nvidia_gpu_power_usage_watts},
 * {@code nvidia_gpu_power_limit_watts}, {@code nvidia_gpu_energy_joules_total} (since the driver
 * loaded), {@code nvidia_gpu_fan_speed_ratio} and {@code nvidia_gpu_throttle_reason{reason}}.
 *
 * <p>A GPU that reports its clock event reasons has a throttle series for every reason NVML
 * defines, 1 while it holds the clocks down and 0 otherwise, so {@code == 1} alerts do not
 * depend on a series appearing; a GPU that cannot report them has none.
 */
final class GpuPowerMetrics extends StateBinder {

    public GpuPowerMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("nvidia.gpu.temperature", Units.CELSIUS,
                        "GPU core temperature.",
                        s -> GpuRows.each(s, GpuReading::temperatureCelsius)),
                MeterSpec.gauge("nvidia.gpu.power.usage", Units.WATTS,
                        "Power the GPU draws now.",
                        s -> GpuRows.each(s, GpuReading::powerUsageWatts)),
                MeterSpec.gauge("nvidia.gpu.power.limit", Units.WATTS,
                        "Power limit the GPU's power management enforces.",
                        s -> GpuRows.each(s, GpuReading::powerLimitWatts)),
                MeterSpec.counter("nvidia.gpu.energy", Units.JOULES,
                        "Energy the GPU consumed since the driver was loaded.",
                        s -> GpuRows.each(s, GpuReading::energyJoules)),
                MeterSpec.gauge("nvidia.gpu.fan.speed", Units.RATIO,
                        "Fan speed as a fraction of its maximum.",
                        s -> GpuRows.each(s, g -> g.fanSpeedPercent().map(GpuActivityMetrics::ratio))),
                MeterSpec.gauge("nvidia.gpu.throttle.reason", Units.NONE,
                        "Whether this reason holds the GPU's clocks down now (1) or not (0).",
                        GpuPowerMetrics::throttleReasons)));
    }

    private static List<MeterSpec.Row> throttleReasons(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : GpuRows.gpus(state)) {
            gpu.clockEventReasons().ifPresent(active -> {
                for (ClockEventReason reason : ClockEventReason.values()) {
                    rows.add(new MeterSpec.Row(GpuRows.tags(gpu).and("reason", reason.name().toLowerCase(Locale.ROOT)),
                            GpuRows.flag(active.contains(reason.name()))));
                }
            });
        }
        return rows;
    }
}
