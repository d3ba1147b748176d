package io.gpudoctor.nvml;

/**
 * Row remapping state from {@code nvmlDeviceGetRemappedRows} (Ampere and later datacenter GPUs).
 *
 * @param pending a remapping waits for a GPU reset
 * @param failed  a remapping failed: the GPU should be replaced
 */
public record RemappedRows(int correctable, int uncorrectable, boolean pending, boolean failed) {
}
