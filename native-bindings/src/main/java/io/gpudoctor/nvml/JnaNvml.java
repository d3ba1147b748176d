package io.gpudoctor.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.nvml.NvmlLibrary.NvmlDevice;
import io.gpudoctor.nvml.NvmlLibrary.NvmlDeviceByReference;
import io.gpudoctor.nvml.NvmlLibrary.NvmlEventSet;
import io.gpudoctor.nvml.NvmlLibrary.NvmlEventSetByReference;
import io.gpudoctor.nvml.NvmlLibrary.nvmlMemory_t;
import io.gpudoctor.nvml.NvmlLibrary.nvmlMemory_v2_t;
import io.gpudoctor.nvml.NvmlLibrary.nvmlPciInfo_t;
import io.gpudoctor.nvml.NvmlLibrary.nvmlUtilization_t;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@link Nvml} over one libnvidia-ml file loaded through JNA.
 *
 * <p>The file is opened by its absolute path with {@code RTLD_LOCAL}, so several NVML libraries
 * (the host's, a container's, a test's fake) can be loaded side by side in one JVM, each instance
 * talking only to its own file. Versioned and optional symbols are probed once at load
 * ({@link NvmlSymbols}).
 *
 * <p>Not thread-safe: NVML calls are meant to be serialised on one thread (the sampler's), and so
 * are the calls on an instance, including its handle cache. Device handles are cached per index
 * and dropped on every {@link #init()} and {@link #shutdown()}, since NVML invalidates them there.
 */
public final class JnaNvml implements Nvml {

    /** dlopen's RTLD_LAZY without RTLD_GLOBAL (JNA's default), so no library's symbols leak into another's. */
    private static final int RTLD_LAZY_LOCAL = 0x1;

    private final NvmlLibrary lib;
    private final NvmlSymbols symbols;
    private final NvmlErrors errors;
    private final RunningProcesses computeProcesses;
    private final RunningProcesses graphicsProcesses;
    private final ProcessUtilizationSamples processUtilization;
    private final Map<Integer, NvmlDevice> handles = new HashMap<>();
    private int initialisations;

    private JnaNvml(NvmlLibrary lib, NvmlSymbols symbols) {
        this.lib = lib;
        this.symbols = symbols;
        this.errors = new NvmlErrors(lib);
        this.computeProcesses = new RunningProcesses(lib, errors, ProcessKind.COMPUTE, symbols.computeProcesses());
        this.graphicsProcesses =
                new RunningProcesses(lib, errors, ProcessKind.GRAPHICS, symbols.graphicsProcesses());
        this.processUtilization = new ProcessUtilizationSamples(lib, errors);
    }

    /**
     * Loads exactly this file; NVML is not initialised yet.
     *
     * @throws LibraryLoadException when the file is missing, cannot be loaded, or is not NVML
     */
    public static JnaNvml load(Path libraryFile) throws LibraryLoadException {
        Path path = libraryFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new LibraryLoadException(path, "no such file", null);
        }
        Map<String, Object> options = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL);
        try {
            NativeLibrary nativeLibrary = NativeLibrary.getInstance(path.toString(), options);
            if (!NvmlSymbols.exports(nativeLibrary, "nvmlInit_v2")) {
                throw new LibraryLoadException(path, "does not export nvmlInit_v2: not an NVML library", null);
            }
            NvmlLibrary lib = Native.load(path.toString(), NvmlLibrary.class, options);
            return new JnaNvml(lib, NvmlSymbols.probe(nativeLibrary));
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryLoadException(path, String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public void init() {
        handles.clear();
        errors.check("nvmlInit_v2", lib.nvmlInit_v2());
        initialisations++;
    }

    @Override
    public void shutdown() {
        handles.clear();
        errors.check("nvmlShutdown", lib.nvmlShutdown());
        initialisations = Math.max(0, initialisations - 1);
    }

    /** Undoes every successful {@link #init()} not yet shut down; NVML counts them. */
    @Override
    public void close() {
        handles.clear();
        for (; initialisations > 0; initialisations--) {
            lib.nvmlShutdown();
        }
    }

    @Override
    public String driverVersion() {
        return string("nvmlSystemGetDriverVersion", NvmlLibrary.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE,
                lib::nvmlSystemGetDriverVersion);
    }

    @Override
    public String nvmlVersion() {
        return string("nvmlSystemGetNVMLVersion", NvmlLibrary.NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE,
                lib::nvmlSystemGetNVMLVersion);
    }

    @Override
    public int cudaDriverVersion() {
        IntByReference version = new IntByReference();
        errors.check("nvmlSystemGetCudaDriverVersion_v2", lib.nvmlSystemGetCudaDriverVersion_v2(version));
        return version.getValue();
    }

    @Override
    public int deviceCount() {
        IntByReference count = new IntByReference();
        errors.check("nvmlDeviceGetCount_v2", lib.nvmlDeviceGetCount_v2(count));
        return count.getValue();
    }

    @Override
    public int indexOfUuid(String uuid) {
        NvmlDeviceByReference device = new NvmlDeviceByReference();
        errors.check("nvmlDeviceGetHandleByUUID", lib.nvmlDeviceGetHandleByUUID(uuid, device));
        return indexOf(device.getValue());
    }

    @Override
    public int indexOfPciBusId(String pciBusId) {
        NvmlDeviceByReference device = new NvmlDeviceByReference();
        errors.check("nvmlDeviceGetHandleByPciBusId_v2", lib.nvmlDeviceGetHandleByPciBusId_v2(pciBusId, device));
        return indexOf(device.getValue());
    }

    @Override
    public String name(int gpu) {
        byte[] name = new byte[NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE];
        errors.check("nvmlDeviceGetName", lib.nvmlDeviceGetName(device(gpu), name, name.length));
        return Native.toString(name);
    }

    @Override
    public String uuid(int gpu) {
        byte[] uuid = new byte[NvmlLibrary.NVML_DEVICE_UUID_V2_BUFFER_SIZE];
        errors.check("nvmlDeviceGetUUID", lib.nvmlDeviceGetUUID(device(gpu), uuid, uuid.length));
        return Native.toString(uuid);
    }

    @Override
    public Optional<String> serial(int gpu) {
        byte[] serial = new byte[NvmlLibrary.NVML_DEVICE_SERIAL_BUFFER_SIZE];
        return errors.supported("nvmlDeviceGetSerial", lib.nvmlDeviceGetSerial(device(gpu), serial, serial.length))
                ? Optional.of(Native.toString(serial)) : Optional.empty();
    }

    @Override
    public Optional<GpuBrand> brand(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetBrand", lib::nvmlDeviceGetBrand).stream()
                .mapToObj(GpuBrand::fromCode).findFirst();
    }

    @Override
    public Optional<GpuArchitecture> architecture(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetArchitecture", lib::nvmlDeviceGetArchitecture).stream()
                .mapToObj(GpuArchitecture::fromCode).findFirst();
    }

    @Override
    public OptionalInt minorNumber(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetMinorNumber", lib::nvmlDeviceGetMinorNumber);
    }

    @Override
    public PciInfo pciInfo(int gpu) {
        nvmlPciInfo_t pci = new nvmlPciInfo_t();
        errors.check("nvmlDeviceGetPciInfo_v3", lib.nvmlDeviceGetPciInfo_v3(device(gpu), pci));
        return new PciInfo(Native.toString(pci.busId), pci.domain, pci.bus, pci.device,
                Integer.toUnsignedLong(pci.pciDeviceId), Integer.toUnsignedLong(pci.pciSubSystemId));
    }

    @Override
    public Optional<ComputeCapability> computeCapability(int gpu) {
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        return errors.supported("nvmlDeviceGetCudaComputeCapability",
                lib.nvmlDeviceGetCudaComputeCapability(device(gpu), major, minor))
                ? Optional.of(new ComputeCapability(major.getValue(), minor.getValue())) : Optional.empty();
    }

    @Override
    public MemoryInfo memoryInfo(int gpu) {
        return memoryOf(device(gpu));
    }

    private MemoryInfo memoryOf(NvmlDevice device) {
        if (symbols.memoryInfoV2()) {
            nvmlMemory_v2_t memory = new nvmlMemory_v2_t();
            int result = lib.nvmlDeviceGetMemoryInfo_v2(device, memory);
            // A driver may export v2 and still refuse it for a GPU; v1 answers all but the reserved amount.
            if (errors.supported("nvmlDeviceGetMemoryInfo_v2", result)) {
                return new MemoryInfo(memory.total, memory.free, memory.used, OptionalLong.of(memory.reserved));
            }
        }
        nvmlMemory_t memory = new nvmlMemory_t();
        errors.check("nvmlDeviceGetMemoryInfo", lib.nvmlDeviceGetMemoryInfo(device, memory));
        return new MemoryInfo(memory.total, memory.free, memory.used, OptionalLong.empty());
    }

    @Override
    public Optional<Utilization> utilization(int gpu) {
        nvmlUtilization_t utilization = new nvmlUtilization_t();
        return errors.supported("nvmlDeviceGetUtilizationRates",
                lib.nvmlDeviceGetUtilizationRates(device(gpu), utilization))
                ? Optional.of(new Utilization(utilization.gpu, utilization.memory)) : Optional.empty();
    }

    @Override
    public OptionalInt temperatureCelsius(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetTemperature",
                (d, t) -> lib.nvmlDeviceGetTemperature(d, NvmlLibrary.NVML_TEMPERATURE_GPU, t));
    }

    @Override
    public OptionalInt powerUsageMilliwatts(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetPowerUsage", lib::nvmlDeviceGetPowerUsage);
    }

    @Override
    public OptionalInt powerLimitMilliwatts(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetEnforcedPowerLimit", lib::nvmlDeviceGetEnforcedPowerLimit);
    }

    @Override
    public OptionalLong totalEnergyMillijoules(int gpu) {
        return deviceLong(gpu, "nvmlDeviceGetTotalEnergyConsumption", lib::nvmlDeviceGetTotalEnergyConsumption);
    }

    @Override
    public OptionalInt clockMhz(int gpu, ClockType clock) {
        return deviceInt(gpu, "nvmlDeviceGetClockInfo", (d, mhz) -> lib.nvmlDeviceGetClockInfo(d, clock.code(), mhz));
    }

    @Override
    public OptionalInt fanSpeedPercent(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetFanSpeed", lib::nvmlDeviceGetFanSpeed);
    }

    @Override
    public OptionalInt pcieThroughputKilobytesPerSecond(int gpu, PcieDirection direction) {
        return deviceInt(gpu, "nvmlDeviceGetPcieThroughput",
                (d, kbps) -> lib.nvmlDeviceGetPcieThroughput(d, direction.code(), kbps));
    }

    @Override
    public OptionalLong eccErrors(int gpu, EccErrorType type, EccCounterType counter) {
        return deviceLong(gpu, "nvmlDeviceGetTotalEccErrors",
                (d, count) -> lib.nvmlDeviceGetTotalEccErrors(d, type.code(), counter.code(), count));
    }

    @Override
    public Optional<RemappedRows> remappedRows(int gpu) {
        IntByReference correctable = new IntByReference();
        IntByReference uncorrectable = new IntByReference();
        IntByReference pending = new IntByReference();
        IntByReference failed = new IntByReference();
        return errors.supported("nvmlDeviceGetRemappedRows",
                lib.nvmlDeviceGetRemappedRows(device(gpu), correctable, uncorrectable, pending, failed))
                ? Optional.of(new RemappedRows(correctable.getValue(), uncorrectable.getValue(),
                        pending.getValue() != 0, failed.getValue() != 0))
                : Optional.empty();
    }

    @Override
    public OptionalLong clockEventReasons(int gpu) {
        return symbols.clocksEventReasons()
                ? deviceLong(gpu, "nvmlDeviceGetCurrentClocksEventReasons",
                        lib::nvmlDeviceGetCurrentClocksEventReasons)
                : deviceLong(gpu, "nvmlDeviceGetCurrentClocksThrottleReasons",
                        lib::nvmlDeviceGetCurrentClocksThrottleReasons);
    }

    @Override
    public Optional<Boolean> persistenceMode(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetPersistenceMode", lib::nvmlDeviceGetPersistenceMode).stream()
                .mapToObj(mode -> mode == NvmlLibrary.NVML_FEATURE_ENABLED).findFirst();
    }

    @Override
    public Optional<ComputeMode> computeMode(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetComputeMode", lib::nvmlDeviceGetComputeMode).stream()
                .mapToObj(ComputeMode::fromCode).findFirst();
    }

    @Override
    public Optional<MigMode> migMode(int gpu) {
        IntByReference current = new IntByReference();
        IntByReference pending = new IntByReference();
        return errors.supported("nvmlDeviceGetMigMode", lib.nvmlDeviceGetMigMode(device(gpu), current, pending))
                ? Optional.of(new MigMode(current.getValue() == NvmlLibrary.NVML_DEVICE_MIG_ENABLE,
                        pending.getValue() == NvmlLibrary.NVML_DEVICE_MIG_ENABLE))
                : Optional.empty();
    }

    @Override
    public List<FieldValue> fieldValues(int gpu, List<FieldRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        NvmlLibrary.nvmlFieldValue_t[] values =
                (NvmlLibrary.nvmlFieldValue_t[]) new NvmlLibrary.nvmlFieldValue_t().toArray(requests.size());
        for (int i = 0; i < values.length; i++) {
            values[i].fieldId = requests.get(i).fieldId();
            values[i].scopeId = requests.get(i).scopeId();
        }
        if (!errors.supported("nvmlDeviceGetFieldValues", lib.nvmlDeviceGetFieldValues(device(gpu), values.length, values))) {
            return List.of();
        }
        List<FieldValue> answers = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            answers.add(FieldValues.decode(requests.get(i), values[i]));
        }
        return answers;
    }

    @Override
    public OptionalInt pcieLink(int gpu, PcieLinkQuery query) {
        return deviceInt(gpu, query.call(), switch (query) {
            case CURRENT_GENERATION -> lib::nvmlDeviceGetCurrPcieLinkGeneration;
            case MAX_GENERATION -> lib::nvmlDeviceGetMaxPcieLinkGeneration;
            case CURRENT_WIDTH -> lib::nvmlDeviceGetCurrPcieLinkWidth;
            case MAX_WIDTH -> lib::nvmlDeviceGetMaxPcieLinkWidth;
        });
    }

    @Override
    public OptionalInt codecUtilizationPercent(int gpu, Codec codec) {
        IntByReference samplingPeriod = new IntByReference();
        return deviceInt(gpu, codec.call(), switch (codec) {
            case ENCODER -> (d, u) -> lib.nvmlDeviceGetEncoderUtilization(d, u, samplingPeriod);
            case DECODER -> (d, u) -> lib.nvmlDeviceGetDecoderUtilization(d, u, samplingPeriod);
        });
    }

    @Override
    public OptionalLong violationNanoseconds(int gpu, PerfPolicy policy) {
        NvmlLibrary.nvmlViolationTime_t time = new NvmlLibrary.nvmlViolationTime_t();
        return errors.supported("nvmlDeviceGetViolationStatus",
                lib.nvmlDeviceGetViolationStatus(device(gpu), policy.code(), time))
                ? OptionalLong.of(time.violationTime) : OptionalLong.empty();
    }

    @Override
    public Optional<Boolean> nvlinkActive(int gpu, int link) {
        return deviceInt(gpu, "nvmlDeviceGetNvLinkState", (d, active) -> lib.nvmlDeviceGetNvLinkState(d, link, active))
                .stream().mapToObj(state -> state == NvmlLibrary.NVML_FEATURE_ENABLED).findFirst();
    }

    /** Empty too where the GPU does not report processes ({@code NVML_ERROR_NOT_SUPPORTED}). */
    @Override
    public List<GpuProcess> computeProcesses(int gpu) {
        return computeProcesses.list(device(gpu));
    }

    /** Empty too where the GPU does not report processes ({@code NVML_ERROR_NOT_SUPPORTED}). */
    @Override
    public List<GpuProcess> graphicsProcesses(int gpu) {
        return graphicsProcesses.list(device(gpu));
    }

    /** NOT_SUPPORTED, as a GPU without MIG may answer, is 0 too. */
    @Override
    public int maxMigDeviceCount(int gpu) {
        return deviceInt(gpu, "nvmlDeviceGetMaxMigDeviceCount", lib::nvmlDeviceGetMaxMigDeviceCount).orElse(0);
    }

    @Override
    public Optional<MigDevice> migDevice(int gpu, int index) {
        Optional<NvmlDevice> mig = migHandle(gpu, index);
        if (mig.isEmpty()) {
            return Optional.empty();
        }
        NvmlDevice handle = mig.get();
        IntByReference gpuInstance = new IntByReference();
        errors.check("nvmlDeviceGetGpuInstanceId", lib.nvmlDeviceGetGpuInstanceId(handle, gpuInstance));
        IntByReference computeInstance = new IntByReference();
        errors.check("nvmlDeviceGetComputeInstanceId", lib.nvmlDeviceGetComputeInstanceId(handle, computeInstance));
        String uuid = string("nvmlDeviceGetUUID", NvmlLibrary.NVML_DEVICE_UUID_V2_BUFFER_SIZE,
                (buffer, length) -> lib.nvmlDeviceGetUUID(handle, buffer, length));
        String name = string("nvmlDeviceGetName", NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE,
                (buffer, length) -> lib.nvmlDeviceGetName(handle, buffer, length));
        return Optional.of(new MigDevice(index, gpuInstance.getValue(), computeInstance.getValue(), uuid, name));
    }

    @Override
    public MemoryInfo migMemoryInfo(int gpu, int index) {
        return memoryOf(migHandle(gpu, index).orElseThrow(() -> errors.exception(
                "nvmlDeviceGetMigDeviceHandleByIndex", NvmlLibrary.NVML_ERROR_NOT_FOUND)));
    }

    /**
     * Asked anew each time, not cached like the GPUs': NVML may hand a destroyed instance's handle to
     * a new one with other properties.
     */
    private Optional<NvmlDevice> migHandle(int gpu, int index) {
        NvmlDeviceByReference mig = new NvmlDeviceByReference();
        int result = lib.nvmlDeviceGetMigDeviceHandleByIndex(device(gpu), index, mig);
        if (result == NvmlLibrary.NVML_ERROR_NOT_FOUND) {
            return Optional.empty();
        }
        errors.check("nvmlDeviceGetMigDeviceHandleByIndex", result);
        return Optional.of(mig.getValue());
    }

    /** GPUs that answer {@code NVML_ERROR_NOT_SUPPORTED} to the registration are left out. */
    @Override
    public XidEventStream xidEvents() {
        NvmlEventSetByReference created = new NvmlEventSetByReference();
        errors.check("nvmlEventSetCreate", lib.nvmlEventSetCreate(created));
        NvmlEventSet set = created.getValue();
        try {
            for (int gpu = 0, count = deviceCount(); gpu < count; gpu++) {
                errors.supported("nvmlDeviceRegisterEvents", lib.nvmlDeviceRegisterEvents(
                        device(gpu), NvmlLibrary.NVML_EVENT_TYPE_XID_CRITICAL_ERROR, set));
            }
        } catch (RuntimeException e) {
            lib.nvmlEventSetFree(set);
            throw e;
        }
        return new JnaXidEventStream(lib, errors, set);
    }

    private NvmlDevice device(int gpu) {
        NvmlDevice cached = handles.get(gpu);
        if (cached != null) {
            return cached;
        }
        NvmlDeviceByReference device = new NvmlDeviceByReference();
        errors.check("nvmlDeviceGetHandleByIndex_v2", lib.nvmlDeviceGetHandleByIndex_v2(gpu, device));
        handles.put(gpu, device.getValue());
        return device.getValue();
    }

    private int indexOf(NvmlDevice device) {
        IntByReference index = new IntByReference();
        errors.check("nvmlDeviceGetIndex", lib.nvmlDeviceGetIndex(device, index));
        return index.getValue();
    }

    private String string(String call, int bufferSize, StringCall nvmlCall) {
        byte[] buffer = new byte[bufferSize];
        errors.check(call, nvmlCall.call(buffer, buffer.length));
        return Native.toString(buffer);
    }

    private OptionalInt deviceInt(int gpu, String call, DeviceIntCall nvmlCall) {
        IntByReference value = new IntByReference();
        return errors.supported(call, nvmlCall.call(device(gpu), value))
                ? OptionalInt.of(value.getValue()) : OptionalInt.empty();
    }

    private OptionalLong deviceLong(int gpu, String call, DeviceLongCall nvmlCall) {
        LongByReference value = new LongByReference();
        return errors.supported(call, nvmlCall.call(device(gpu), value))
                ? OptionalLong.of(value.getValue()) : OptionalLong.empty();
    }

    @FunctionalInterface
    private interface StringCall {
        int call(byte[] buffer, int length);
    }

    @FunctionalInterface
    private interface DeviceIntCall {
        int call(NvmlDevice device, IntByReference value);
    }

    @FunctionalInterface
    private interface DeviceLongCall {
        int call(NvmlDevice device, LongByReference value);
    }

    @Override
    public List<ProcessUtilizationSample> processUtilization(int gpu, long lastSeenTimestampMicros) {
        return processUtilization.read(device(gpu), lastSeenTimestampMicros);
    }

    // GPM

    /** False too where the driver has no GPM calls at all (before R520). */
    @Override
    public boolean gpmSupported(int gpu) {
        if (!symbols.gpm()) {
            return false;
        }
        NvmlLibrary.nvmlGpmSupport_t support = new NvmlLibrary.nvmlGpmSupport_t();
        return errors.supported("nvmlGpmQueryDeviceSupport", lib.nvmlGpmQueryDeviceSupport(device(gpu), support))
                && support.isSupportedDevice != 0;
    }

    @Override
    public GpmSample gpmSampleAlloc() {
        PointerByReference sample = new PointerByReference();
        errors.check("nvmlGpmSampleAlloc", lib.nvmlGpmSampleAlloc(sample));
        return new JnaGpmSample(this, sample.getValue());
    }

    @Override
    public void gpmSampleGet(int gpu, GpmSample sample) {
        errors.check("nvmlGpmSampleGet", lib.nvmlGpmSampleGet(device(gpu), own(sample).live()));
    }

    /** {@code NVML_ERROR_FUNCTION_NOT_FOUND} where the driver predates per-instance GPM. */
    @Override
    public void gpmMigSampleGet(int gpu, int gpuInstanceId, GpmSample sample) {
        if (!symbols.gpmMig()) {
            throw errors.exception("nvmlGpmMigSampleGet", NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND);
        }
        errors.check("nvmlGpmMigSampleGet", lib.nvmlGpmMigSampleGet(device(gpu), gpuInstanceId, own(sample).live()));
    }

    @Override
    public void gpmSampleFree(GpmSample sample) {
        JnaGpmSample s = own(sample);
        if (s.release()) {
            errors.check("nvmlGpmSampleFree", lib.nvmlGpmSampleFree(s.pointer()));
        }
    }

    @Override
    public Map<GpmMetric, Double> gpmMetrics(GpmSample earlier, GpmSample later, List<GpmMetric> metrics) {
        if (metrics.size() > NvmlLibrary.NVML_GPM_METRIC_MAX) {
            throw new IllegalArgumentException("at most " + NvmlLibrary.NVML_GPM_METRIC_MAX + " GPM metrics per call");
        }
        NvmlLibrary.nvmlGpmMetricsGet_t get = new NvmlLibrary.nvmlGpmMetricsGet_t();
        get.numMetrics = metrics.size();
        get.sample1 = own(earlier).live();
        get.sample2 = own(later).live();
        for (int i = 0; i < metrics.size(); i++) {
            get.metrics[i].metricId = metrics.get(i).id();
        }
        errors.check("nvmlGpmMetricsGet", lib.nvmlGpmMetricsGet(get));
        Map<GpmMetric, Double> values = new EnumMap<>(GpmMetric.class);
        for (int i = 0; i < metrics.size(); i++) {
            if (get.metrics[i].nvmlReturn == NvmlLibrary.NVML_SUCCESS) {
                values.put(metrics.get(i), get.metrics[i].value);
            }
        }
        return values;
    }

    private JnaGpmSample own(GpmSample sample) {
        if (sample instanceof JnaGpmSample s && s.owner() == this) {
            return s;
        }
        throw new IllegalArgumentException("a GPM sample of another NVML");
    }
}
