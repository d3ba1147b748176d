package io.gpudoctor.nvml;

/** An Xid error reported by NVML's event API for the GPU with this index. */
public record XidEvent(int gpuIndex, long xid) {
}
