package io.gpudoctor.nvml;

import com.sun.jna.NativeLibrary;

/**
 * Which optional and versioned entry points the loaded libnvidia-ml exports, probed once when it
 * is loaded (as go-nvml's {@code updateVersionedSymbols} does). NVIDIA's R470 library, for one,
 * has no {@code _v3} process calls, no {@code nvmlDeviceGetMemoryInfo_v2} and no
 * {@code nvmlDeviceGetCurrentClocksEventReasons}.
 *
 * @param computeProcesses   the newest {@code nvmlDeviceGetComputeRunningProcesses} present
 * @param graphicsProcesses  the newest {@code nvmlDeviceGetGraphicsRunningProcesses} present
 * @param memoryInfoV2       {@code nvmlDeviceGetMemoryInfo_v2} is present (R510 and later)
 * @param clocksEventReasons {@code nvmlDeviceGetCurrentClocksEventReasons} is present (R535 and
 *                           later); otherwise the older {@code ...ClocksThrottleReasons} answers
 * @param gpm                the GPM calls ({@code nvmlGpmQueryDeviceSupport} and the others) are
 *                           present (R520 and later)
 * @param gpmMig             {@code nvmlGpmMigSampleGet}, GPM per MIG GPU instance, is present
 */
record NvmlSymbols(ProcessCallVersion computeProcesses, ProcessCallVersion graphicsProcesses,
                   boolean memoryInfoV2, boolean clocksEventReasons, boolean gpm,
                   boolean gpmMig) {

    /** A version of a running-processes call: the suffix of its symbol and the struct it fills. */
    enum ProcessCallVersion {
        V3("_v3", true), V2("_v2", true), V1("", false);

        private final String suffix;
        private final boolean instanceIds;

        ProcessCallVersion(String suffix, boolean instanceIds) {
            this.suffix = suffix;
            this.instanceIds = instanceIds;
        }

        /** The symbol of this version of a call, e.g. {@code nvmlDeviceGetComputeRunningProcesses_v3}. */
        String symbol(String baseName) {
            return baseName + suffix;
        }

        /** Whether it fills {@code nvmlProcessInfo_t} (with MIG instance ids) rather than {@code _v1_t}. */
        boolean hasInstanceIds() {
            return instanceIds;
        }
    }

    static final String COMPUTE_PROCESSES = "nvmlDeviceGetComputeRunningProcesses";
    static final String GRAPHICS_PROCESSES = "nvmlDeviceGetGraphicsRunningProcesses";

    static NvmlSymbols probe(NativeLibrary library) {
        return new NvmlSymbols(
                newest(library, COMPUTE_PROCESSES),
                newest(library, GRAPHICS_PROCESSES),
                exports(library, "nvmlDeviceGetMemoryInfo_v2"),
                exports(library, "nvmlDeviceGetCurrentClocksEventReasons"),
                exports(library, "nvmlGpmQueryDeviceSupport"),
                exports(library, "nvmlGpmMigSampleGet"));
    }

    private static ProcessCallVersion newest(NativeLibrary library, String baseName) {
        for (ProcessCallVersion v : ProcessCallVersion.values()) {
            if (exports(library, v.symbol(baseName))) {
                return v;
            }
        }
        // Every NVML has the unversioned call; calling it reports the truth if this one does not.
        return ProcessCallVersion.V1;
    }

    static boolean exports(NativeLibrary library, String symbol) {
        try {
            library.getFunction(symbol);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
