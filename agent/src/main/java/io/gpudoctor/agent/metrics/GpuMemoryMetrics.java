package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuReading.Memory;
import java.util.List;
import java.util.function.Supplier;

/**
 * Each GPU's frame-buffer memory: {@code nvidia_gpu_memory_{total,used,free,reserved}_bytes}.
 * Reserved memory is known only from drivers with the v2 memory call; older ones give no series.
 */
final class GpuMemoryMetrics extends StateBinder {

    public GpuMemoryMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("nvidia.gpu.memory.total", Units.BYTES,
                        "Frame-buffer memory the GPU has.",
                        s -> GpuRows.each(s, g -> g.memory().map(Memory::totalBytes))),
                MeterSpec.gauge("nvidia.gpu.memory.used", Units.BYTES,
                        "Frame-buffer memory allocated by processes and the driver.",
                        s -> GpuRows.each(s, g -> g.memory().map(Memory::usedBytes))),
                MeterSpec.gauge("nvidia.gpu.memory.free", Units.BYTES,
                        "Frame-buffer memory free for allocation.",
                        s -> GpuRows.each(s, g -> g.memory().map(Memory::freeBytes))),
                MeterSpec.gauge("nvidia.gpu.memory.reserved", Units.BYTES,
                        "Frame-buffer memory the driver and firmware reserve for themselves.",
                        s -> GpuRows.each(s, g -> g.memory().flatMap(Memory::reservedBytes)))));
    }
}
