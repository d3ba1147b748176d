package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.RemappedRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the GPUs report going wrong: {@code nvidia_gpu_ecc_errors_volatile_total{type}},
 * {@code nvidia_gpu_ecc_errors_aggregate_total{type}},
 * {@code nvidia_gpu_remapped_rows_total{type}}, {@code nvidia_gpu_remapped_rows_pending},
 * {@code nvidia_gpu_remapped_rows_failed} and {@code nvidia_gpu_xid_errors_total{xid}}.
 *
 * <p>ECC errors are two families, one per NVML counter, so that a {@code sum()} never counts an
 * error twice: volatile counts since the driver loaded (it resets on reboot, which {@code rate()}
 * takes as a counter reset), aggregate over the GPU's life (it includes the volatile ones). In each,
 * {@code type} is {@code corrected} or {@code uncorrected}. Xid counts are the daemon's own, since
 * it started.
 */
final class GpuErrorMetrics extends StateBinder {

    private static final String VOLATILE = "volatile";
    private static final String AGGREGATE = "aggregate";

    public GpuErrorMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.counter("nvidia.gpu.ecc.errors.volatile", Units.NONE,
                        "ECC memory errors since the driver loaded, by kind (corrected, uncorrected).",
                        s -> GpuRows.eachKeyed(s, "type", g -> ecc(g.eccErrors(), VOLATILE))),
                MeterSpec.counter("nvidia.gpu.ecc.errors.aggregate", Units.NONE,
                        "ECC memory errors over the GPU's life, by kind (corrected, uncorrected).",
                        s -> GpuRows.eachKeyed(s, "type", g -> ecc(g.eccErrors(), AGGREGATE))),
                MeterSpec.counter("nvidia.gpu.remapped.rows", Units.NONE,
                        "Memory rows remapped after correctable or uncorrectable errors.",
                        s -> GpuRows.eachKeyed(s, "type", GpuErrorMetrics::remappedRows)),
                MeterSpec.gauge("nvidia.gpu.remapped.rows.pending", Units.NONE,
                        "Whether a row remapping waits for a GPU reset (1) or not (0).",
                        s -> GpuRows.each(s, g -> g.remappedRows().map(r -> GpuRows.flag(r.pending())))),
                MeterSpec.gauge("nvidia.gpu.remapped.rows.failed", Units.NONE,
                        "Whether a row remapping failed (1): the GPU should be replaced.",
                        s -> GpuRows.each(s, g -> g.remappedRows().map(r -> GpuRows.flag(r.failed())))),
                MeterSpec.counter("nvidia.gpu.xid.errors", Units.NONE,
                        "Xid errors the driver reported since gpu-doctor started, by Xid.",
                        GpuErrorMetrics::xids)));
    }

    /** The counts of one NVML counter by error kind; the reading keys them {@code <kind>.<counter>}. */
    private static Map<String, Long> ecc(Map<String, Long> eccErrors, String counter) {
        Map<String, Long> byType = new LinkedHashMap<>();
        eccErrors.forEach((key, count) -> {
            if (key.endsWith("." + counter)) {
                byType.put(key.substring(0, key.length() - counter.length() - 1), count);
            }
        });
        return byType;
    }

    private static Map<String, Integer> remappedRows(GpuReading gpu) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        gpu.remappedRows().ifPresent((RemappedRows r) -> {
            byType.put("correctable", r.correctable());
            byType.put("uncorrectable", r.uncorrectable());
        });
        return byType;
    }

    private static List<MeterSpec.Row> xids(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        state.gpus().map(GpuSnapshot::xids).orElse(List.of()).forEach(x ->
                rows.add(new MeterSpec.Row(GpuRows.tags(x.gpu(), x.uuid()).and("xid", Integer.toString(x.xid())),
                        x.count())));
        return rows;
    }
}
