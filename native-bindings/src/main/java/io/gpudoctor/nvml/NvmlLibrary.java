package io.gpudoctor.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The raw NVML API as nvml.h declares it: C names, {@code nvmlReturn_t} as {@code int}, structs
 * with nvml.h's field names and order. Unsigned C values arrive in signed Java types of the same
 * width; {@link JnaNvml} widens them.
 *
 * <p>Versioned entry points ({@code _v2}, {@code _v3}) are declared side by side. JNA binds a method
 * on its first call, so declaring a symbol the loaded driver lacks is harmless as long as nobody
 * calls it: {@link NvmlSymbols} says which ones exist.
 */
public interface NvmlLibrary extends Library {

    int NVML_SUCCESS = 0;
    int NVML_ERROR_NOT_SUPPORTED = 3;
    int NVML_ERROR_NOT_FOUND = 6;
    int NVML_ERROR_INSUFFICIENT_SIZE = 7;
    int NVML_ERROR_TIMEOUT = 10;
    int NVML_ERROR_FUNCTION_NOT_FOUND = 13;

    int NVML_VALUE_TYPE_DOUBLE = 0;
    int NVML_VALUE_TYPE_UNSIGNED_INT = 1;
    int NVML_VALUE_TYPE_UNSIGNED_LONG = 2;
    int NVML_VALUE_TYPE_UNSIGNED_LONG_LONG = 3;
    int NVML_VALUE_TYPE_SIGNED_LONG_LONG = 4;
    int NVML_VALUE_TYPE_SIGNED_INT = 5;

    int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
    int NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE = 80;
    int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;
    int NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96;
    int NVML_DEVICE_SERIAL_BUFFER_SIZE = 30;
    int NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE = 32;
    int NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE = 16;

    int NVML_TEMPERATURE_GPU = 0;
    int NVML_FEATURE_ENABLED = 1;
    int NVML_DEVICE_MIG_ENABLE = 1;
    long NVML_VALUE_NOT_AVAILABLE_ULL = 0xFFFFFFFFFFFFFFFFL;
    int NVML_INSTANCE_ID_NONE = 0xFFFFFFFF;
    long NVML_EVENT_TYPE_XID_CRITICAL_ERROR = 0x8L;

    /** {@code nvmlDevice_t}: an opaque handle, valid between one {@code nvmlInit} and its {@code nvmlShutdown}. */
    final class NvmlDevice extends PointerType {
        public NvmlDevice() {
        }

        public NvmlDevice(Pointer p) {
            super(p);
        }
    }

    /** {@code nvmlEventSet_t}: an opaque handle. */
    final class NvmlEventSet extends PointerType {
        public NvmlEventSet() {
        }

        public NvmlEventSet(Pointer p) {
            super(p);
        }
    }

    /** An {@code nvmlDevice_t *} out-parameter. */
    final class NvmlDeviceByReference extends ByReference {
        public NvmlDeviceByReference() {
            super(Native.POINTER_SIZE);
        }

        public NvmlDevice getValue() {
            return new NvmlDevice(getPointer().getPointer(0));
        }
    }

    /** An {@code nvmlEventSet_t *} out-parameter. */
    final class NvmlEventSetByReference extends ByReference {
        public NvmlEventSetByReference() {
            super(Native.POINTER_SIZE);
        }

        public NvmlEventSet getValue() {
            return new NvmlEventSet(getPointer().getPointer(0));
        }
    }

    /** {@code nvmlPciInfo_t} (the layout of {@code nvmlDeviceGetPciInfo_v3}). */
    @Structure.FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
    final class nvmlPciInfo_t extends Structure {
        public byte[] busIdLegacy = new byte[NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;     // 16-bit device id << 16 | 16-bit vendor id
        public int pciSubSystemId;
        public byte[] busId = new byte[NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE];
    }

    /** {@code nvmlMemory_t}: v1, without the reserved amount. */
    @Structure.FieldOrder({"total", "free", "used"})
    final class nvmlMemory_t extends Structure {
        public long total;
        public long free;
        public long used;           // includes what the driver reserves
    }

    /** {@code nvmlMemory_v2_t}; {@link #version} is preset as nvml.h's {@code nvmlMemory_v2} macro sets it. */
    @Structure.FieldOrder({"version", "total", "reserved", "free", "used"})
    final class nvmlMemory_v2_t extends Structure {
        public int version;
        public long total;
        public long reserved;
        public long free;
        public long used;

        public nvmlMemory_v2_t() {
            // NVML_STRUCT_VERSION(Memory, 2): the struct's size with the version number in the top byte.
            version = size() | 2 << 24;
        }
    }

    /** {@code nvmlUtilization_t}, in percent. */
    @Structure.FieldOrder({"gpu", "memory"})
    final class nvmlUtilization_t extends Structure {
        public int gpu;
        public int memory;
    }

    /** {@code nvmlProcessInfo_v1_t}, filled by the unversioned process calls. */
    @Structure.FieldOrder({"pid", "usedGpuMemory"})
    final class nvmlProcessInfo_v1_t extends Structure {
        public int pid;
        public long usedGpuMemory;  // NVML_VALUE_NOT_AVAILABLE when unknown
    }

    /** {@code nvmlProcessInfo_v2_t}, which is also the layout the {@code _v3} calls fill. */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    final class nvmlProcessInfo_t extends Structure {
        public int pid;
        public long usedGpuMemory;  // NVML_VALUE_NOT_AVAILABLE when unknown
        public int gpuInstanceId;   // 0xFFFFFFFF without MIG
        public int computeInstanceId;
    }

    /**
     * {@code nvmlFieldValue_t}. The {@code nvmlValue_t} union (double, unsigned int, unsigned long,
     * unsigned long long, signed long long, signed int: 8 bytes, 8-aligned on LP64) is read as its
     * raw 8 bytes and decoded by {@link #valueType}.
     */
    @Structure.FieldOrder({"fieldId", "scopeId", "timestamp", "latencyUsec", "valueType", "nvmlReturn", "value"})
    final class nvmlFieldValue_t extends Structure {
        public int fieldId;
        public int scopeId;
        public long timestamp;
        public long latencyUsec;
        public int valueType;
        public int nvmlReturn;
        public long value;
    }

    /** {@code nvmlViolationTime_t}. */
    @Structure.FieldOrder({"referenceTime", "violationTime"})
    final class nvmlViolationTime_t extends Structure {
        public long referenceTime;  // CPU timestamp in microseconds
        public long violationTime;  // nanoseconds
    }

    /** {@code nvmlEventData_t}. */
    @Structure.FieldOrder({"device", "eventType", "eventData", "gpuInstanceId", "computeInstanceId"})
    final class nvmlEventData_t extends Structure {
        public NvmlDevice device;
        public long eventType;
        public long eventData;      // the Xid for nvmlEventTypeXidCriticalError
        public int gpuInstanceId;
        public int computeInstanceId;
    }

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlSystemGetNVMLVersion(byte[] version, int length);

    int nvmlSystemGetCudaDriverVersion_v2(IntByReference cudaDriverVersion);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, NvmlDeviceByReference device);

    int nvmlDeviceGetHandleByUUID(String uuid, NvmlDeviceByReference device);

    int nvmlDeviceGetHandleByPciBusId_v2(String pciBusId, NvmlDeviceByReference device);

    int nvmlDeviceGetIndex(NvmlDevice device, IntByReference index);

    int nvmlDeviceGetName(NvmlDevice device, byte[] name, int length);

    int nvmlDeviceGetUUID(NvmlDevice device, byte[] uuid, int length);

    int nvmlDeviceGetSerial(NvmlDevice device, byte[] serial, int length);

    int nvmlDeviceGetBrand(NvmlDevice device, IntByReference type);

    int nvmlDeviceGetArchitecture(NvmlDevice device, IntByReference arch);

    int nvmlDeviceGetMinorNumber(NvmlDevice device, IntByReference minorNumber);

    int nvmlDeviceGetPciInfo_v3(NvmlDevice device, nvmlPciInfo_t pci);

    int nvmlDeviceGetCudaComputeCapability(NvmlDevice device, IntByReference major, IntByReference minor);

    int nvmlDeviceGetMemoryInfo(NvmlDevice device, nvmlMemory_t memory);

    int nvmlDeviceGetMemoryInfo_v2(NvmlDevice device, nvmlMemory_v2_t memory);

    int nvmlDeviceGetUtilizationRates(NvmlDevice device, nvmlUtilization_t utilization);

    int nvmlDeviceGetTemperature(NvmlDevice device, int sensorType, IntByReference temp);

    int nvmlDeviceGetPowerUsage(NvmlDevice device, IntByReference power);

    int nvmlDeviceGetEnforcedPowerLimit(NvmlDevice device, IntByReference limit);

    int nvmlDeviceGetTotalEnergyConsumption(NvmlDevice device, LongByReference energy);

    int nvmlDeviceGetClockInfo(NvmlDevice device, int type, IntByReference clock);

    int nvmlDeviceGetFanSpeed(NvmlDevice device, IntByReference speed);

    int nvmlDeviceGetPcieThroughput(NvmlDevice device, int counter, IntByReference value);

    int nvmlDeviceGetTotalEccErrors(NvmlDevice device, int errorType, int counterType, LongByReference eccCounts);

    int nvmlDeviceGetRemappedRows(NvmlDevice device, IntByReference corrRows, IntByReference uncRows,
                                  IntByReference isPending, IntByReference failureOccurred);

    /** R535 and later. */
    int nvmlDeviceGetCurrentClocksEventReasons(NvmlDevice device, LongByReference clocksEventReasons);

    /** The older name of {@link #nvmlDeviceGetCurrentClocksEventReasons}. */
    int nvmlDeviceGetCurrentClocksThrottleReasons(NvmlDevice device, LongByReference clocksThrottleReasons);

    int nvmlDeviceGetPersistenceMode(NvmlDevice device, IntByReference mode);

    int nvmlDeviceGetComputeMode(NvmlDevice device, IntByReference mode);

    int nvmlDeviceGetMigMode(NvmlDevice device, IntByReference currentMode, IntByReference pendingMode);

    int nvmlDeviceGetMaxMigDeviceCount(NvmlDevice device, IntByReference count);

    int nvmlDeviceGetMigDeviceHandleByIndex(NvmlDevice device, int index, NvmlDeviceByReference migDevice);

    int nvmlDeviceGetGpuInstanceId(NvmlDevice migDevice, IntByReference id);

    int nvmlDeviceGetComputeInstanceId(NvmlDevice migDevice, IntByReference id);

    /** {@code infos} is null (asks for the count) or a contiguous array made by {@link Structure#toArray}. */
    int nvmlDeviceGetComputeRunningProcesses_v3(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetComputeRunningProcesses_v2(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetComputeRunningProcesses(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_v1_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses_v3(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses_v2(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses(NvmlDevice device, IntByReference infoCount, nvmlProcessInfo_v1_t[] infos);

    int nvmlDeviceGetCurrPcieLinkGeneration(NvmlDevice device, IntByReference currLinkGen);

    int nvmlDeviceGetMaxPcieLinkGeneration(NvmlDevice device, IntByReference maxLinkGen);

    int nvmlDeviceGetCurrPcieLinkWidth(NvmlDevice device, IntByReference currLinkWidth);

    int nvmlDeviceGetMaxPcieLinkWidth(NvmlDevice device, IntByReference maxLinkWidth);

    int nvmlDeviceGetEncoderUtilization(NvmlDevice device, IntByReference utilization, IntByReference samplingPeriodUs);

    int nvmlDeviceGetDecoderUtilization(NvmlDevice device, IntByReference utilization, IntByReference samplingPeriodUs);

    int nvmlDeviceGetViolationStatus(NvmlDevice device, int perfPolicyType, nvmlViolationTime_t violTime);

    int nvmlDeviceGetNvLinkState(NvmlDevice device, int link, IntByReference isActive);

    /** {@code values} is a contiguous array made by {@link Structure#toArray}, ids and scopes set. */
    int nvmlDeviceGetFieldValues(NvmlDevice device, int valuesCount, nvmlFieldValue_t[] values);

    int nvmlEventSetCreate(NvmlEventSetByReference set);

    int nvmlDeviceRegisterEvents(NvmlDevice device, long eventTypes, NvmlEventSet set);

    int nvmlEventSetWait_v2(NvmlEventSet set, nvmlEventData_t data, int timeoutms);

    int nvmlEventSetFree(NvmlEventSet set);

    /** {@code nvmlProcessUtilizationSample_t}, utilizations in percent. */
    @Structure.FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
    final class nvmlProcessUtilizationSample_t extends Structure {
        public int pid;
        public long timeStamp;  // CPU timestamp in microseconds
        public int smUtil;
        public int memUtil;
        public int encUtil;
        public int decUtil;
    }

    /** {@code utilization} is null (asks for the count) or a contiguous array made by {@link Structure#toArray}. */
    int nvmlDeviceGetProcessUtilization(NvmlDevice device, nvmlProcessUtilizationSample_t[] utilization,
                                        IntByReference processSamplesCount, long lastSeenTimeStamp);

    // GPM (R520 and later).

    int NVML_GPM_METRIC_MAX = 98;
    int NVML_GPM_METRICS_GET_VERSION = 1;
    int NVML_GPM_SUPPORT_VERSION = 1;

    /** {@code nvmlGpmSupport_t}. */
    @Structure.FieldOrder({"version", "isSupportedDevice"})
    final class nvmlGpmSupport_t extends Structure {
        public int version = NVML_GPM_SUPPORT_VERSION;
        public int isSupportedDevice;
    }

    /** The anonymous {@code metricInfo} struct of {@code nvmlGpmMetric_t}: names NVML owns. */
    @Structure.FieldOrder({"shortName", "longName", "unit"})
    final class nvmlGpmMetricInfo extends Structure implements Structure.ByValue {
        public Pointer shortName;
        public Pointer longName;
        public Pointer unit;
    }

    /** {@code nvmlGpmMetric_t}. */
    @Structure.FieldOrder({"metricId", "nvmlReturn", "value", "metricInfo"})
    final class nvmlGpmMetric_t extends Structure implements Structure.ByValue {
        public int metricId;
        public int nvmlReturn;      // this metric's own status; value is valid only at NVML_SUCCESS
        public double value;
        public nvmlGpmMetricInfo metricInfo;
    }

    /** {@code nvmlGpmMetricsGet_t}: the fixed array of {@link #NVML_GPM_METRIC_MAX} metrics, {@code numMetrics} used. */
    @Structure.FieldOrder({"version", "numMetrics", "sample1", "sample2", "metrics"})
    final class nvmlGpmMetricsGet_t extends Structure {
        public int version = NVML_GPM_METRICS_GET_VERSION;
        public int numMetrics;
        public Pointer sample1;
        public Pointer sample2;
        public nvmlGpmMetric_t[] metrics = new nvmlGpmMetric_t[NVML_GPM_METRIC_MAX];

        public nvmlGpmMetricsGet_t() {
            for (int i = 0; i < metrics.length; i++) {
                metrics[i] = new nvmlGpmMetric_t();
            }
        }
    }

    int nvmlGpmQueryDeviceSupport(NvmlDevice device, nvmlGpmSupport_t gpmSupport);

    int nvmlGpmSampleAlloc(PointerByReference gpmSample);

    int nvmlGpmSampleFree(Pointer gpmSample);

    int nvmlGpmSampleGet(NvmlDevice device, Pointer gpmSample);

    /** R525 and later: see {@link NvmlSymbols#gpmMig()}. */
    int nvmlGpmMigSampleGet(NvmlDevice device, int gpuInstanceId, Pointer gpmSample);

    int nvmlGpmMetricsGet(nvmlGpmMetricsGet_t metricsGet);
}
