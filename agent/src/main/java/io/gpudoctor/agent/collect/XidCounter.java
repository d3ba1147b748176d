package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Xid events seen since the daemon started, counted per GPU and Xid; counts only grow. Written
 * by the event thread and the sampler, read by the sampler once a cycle.
 */
final class XidCounter {

    /** The GPU of a kernel log event whose PCI address no GPU in the inventory has. */
    static final int UNKNOWN_GPU = -1;

    private final Map<Key, Long> counts = new TreeMap<>();

    /** Counts one event of {@code xid} on the GPU with NVML index {@code gpu}. */
    synchronized void record(int gpu, int xid) {
        counts.merge(new Key(gpu, xid), 1L, Long::sum);
    }

    /** Every count, by GPU then Xid, each GPU's UUID as {@code inventory} names it (empty text if it does not). */
    synchronized List<XidCount> counts(GpuInventory inventory) {
        return counts.entrySet().stream()
                .map(e -> new XidCount(e.getKey().gpu(), uuid(inventory, e.getKey().gpu()), e.getKey().xid(),
                        e.getValue()))
                .toList();
    }

    private static String uuid(GpuInventory inventory, int gpu) {
        return inventory.gpus().stream().filter(g -> g.index() == gpu).findFirst()
                .flatMap(GpuReading::uuid).orElse("");
    }

    private record Key(int gpu, int xid) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byGpu = Integer.compare(gpu, other.gpu);
            return byGpu != 0 ? byGpu : Integer.compare(xid, other.xid);
        }
    }
}
