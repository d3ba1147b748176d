package io.gpudoctor.agent.collect;

/**
 * How many times one GPU reported one Xid since the daemon started: a row of
 * {@code nvidia_gpu_xid_errors_total}. Counts only grow, as a Prometheus counter must.
 *
 * @param gpu  the NVML index
 * @param uuid the GPU's UUID, empty text when the event named only a PCI address NVML did not list
 * @param xid  the Xid number (79: fallen off the bus, 48: double-bit ECC, ...)
 */
public record XidCount(int gpu, String uuid, int xid, long count) {
}
