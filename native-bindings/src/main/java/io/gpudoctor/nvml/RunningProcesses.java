package io.gpudoctor.nvml;

import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import io.gpudoctor.nvml.NvmlLibrary.NvmlDevice;
import io.gpudoctor.nvml.NvmlLibrary.nvmlProcessInfo_t;
import io.gpudoctor.nvml.NvmlLibrary.nvmlProcessInfo_v1_t;
import io.gpudoctor.nvml.NvmlSymbols.ProcessCallVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Lists the compute or graphics processes of a GPU with the newest call the driver has. NVML fills a
 * caller's array and answers {@code NVML_ERROR_INSUFFICIENT_SIZE} with the needed count when it is
 * too small, so the list is read by asking for the count first and retrying with a bigger array:
 * processes that start in between make the count grow again, hence a bounded number of tries.
 */
final class RunningProcesses {

    /** The count query plus a few retries; processes rarely start faster than NVML answers. */
    static final int MAX_ATTEMPTS = 5;

    private final NvmlLibrary lib;
    private final NvmlErrors errors;
    private final ProcessKind kind;
    private final ProcessCallVersion version;
    private final String call;

    RunningProcesses(NvmlLibrary lib, NvmlErrors errors, ProcessKind kind, ProcessCallVersion version) {
        this.lib = lib;
        this.errors = errors;
        this.kind = kind;
        this.version = version;
        this.call = version.symbol(kind == ProcessKind.COMPUTE
                ? NvmlSymbols.COMPUTE_PROCESSES : NvmlSymbols.GRAPHICS_PROCESSES);
    }

    /** The processes on this GPU; empty where the GPU does not report them. */
    List<GpuProcess> list(NvmlDevice device) {
        int capacity = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            IntByReference count = new IntByReference(capacity);
            Structure[] infos = capacity == 0 ? null : newArray(capacity);
            int result = call(device, count, infos);
            if (result == NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE) {
                capacity = count.getValue();
                continue;
            }
            if (!errors.supported(call, result)) {
                return List.of();
            }
            return toProcesses(infos, count.getValue());
        }
        throw errors.exception(call, NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE);
    }

    private Structure[] newArray(int capacity) {
        return version.hasInstanceIds()
                ? new nvmlProcessInfo_t().toArray(capacity)
                : new nvmlProcessInfo_v1_t().toArray(capacity);
    }

    private int call(NvmlDevice device, IntByReference count, Structure[] infos) {
        nvmlProcessInfo_t[] v2 = version.hasInstanceIds() ? (nvmlProcessInfo_t[]) infos : null;
        nvmlProcessInfo_v1_t[] v1 = version.hasInstanceIds() ? null : (nvmlProcessInfo_v1_t[]) infos;
        boolean compute = kind == ProcessKind.COMPUTE;
        return switch (version) {
            case V3 -> compute
                    ? lib.nvmlDeviceGetComputeRunningProcesses_v3(device, count, v2)
                    : lib.nvmlDeviceGetGraphicsRunningProcesses_v3(device, count, v2);
            case V2 -> compute
                    ? lib.nvmlDeviceGetComputeRunningProcesses_v2(device, count, v2)
                    : lib.nvmlDeviceGetGraphicsRunningProcesses_v2(device, count, v2);
            case V1 -> compute
                    ? lib.nvmlDeviceGetComputeRunningProcesses(device, count, v1)
                    : lib.nvmlDeviceGetGraphicsRunningProcesses(device, count, v1);
        };
    }

    private List<GpuProcess> toProcesses(Structure[] infos, int count) {
        List<GpuProcess> processes = new ArrayList<>(count);
        for (int i = 0; i < count && infos != null; i++) {
            if (infos[i] instanceof nvmlProcessInfo_t p) {
                processes.add(new GpuProcess(Integer.toUnsignedLong(p.pid), memory(p.usedGpuMemory),
                        instanceId(p.gpuInstanceId), instanceId(p.computeInstanceId), kind));
            } else if (infos[i] instanceof nvmlProcessInfo_v1_t p) {
                processes.add(new GpuProcess(Integer.toUnsignedLong(p.pid), memory(p.usedGpuMemory),
                        OptionalInt.empty(), OptionalInt.empty(), kind));
            }
        }
        return List.copyOf(processes);
    }

    private static OptionalLong memory(long usedGpuMemory) {
        return usedGpuMemory == NvmlLibrary.NVML_VALUE_NOT_AVAILABLE_ULL
                ? OptionalLong.empty() : OptionalLong.of(usedGpuMemory);
    }

    private static OptionalInt instanceId(int id) {
        return id == NvmlLibrary.NVML_INSTANCE_ID_NONE ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
