package io.gpudoctor.nvml;

/** Which NVML list a process came from. */
public enum ProcessKind {
    COMPUTE, GRAPHICS
}
