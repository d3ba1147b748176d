package io.gpudoctor.simulate;

import io.gpudoctor.nvml.ClockEventReason;
import io.gpudoctor.nvml.ClockType;
import io.gpudoctor.nvml.Codec;
import io.gpudoctor.nvml.ComputeCapability;
import io.gpudoctor.nvml.ComputeMode;
import io.gpudoctor.nvml.EccCounterType;
import io.gpudoctor.nvml.EccErrorType;
import io.gpudoctor.nvml.FieldRequest;
import io.gpudoctor.nvml.FieldValue;
import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.GpmSample;
import io.gpudoctor.nvml.GpuArchitecture;
import io.gpudoctor.nvml.GpuBrand;
import io.gpudoctor.nvml.GpuProcess;
import io.gpudoctor.nvml.MemoryInfo;
import io.gpudoctor.nvml.MigDevice;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.PciInfo;
import io.gpudoctor.nvml.PcieDirection;
import io.gpudoctor.nvml.PcieLinkQuery;
import io.gpudoctor.nvml.PerfPolicy;
import io.gpudoctor.nvml.ProcessKind;
import io.gpudoctor.nvml.ProcessUtilizationSample;
import io.gpudoctor.nvml.RemappedRows;
import io.gpudoctor.nvml.Utilization;
import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.nvml.XidEventStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * NVML as a scenario describes it, for running the daemon without a GPU and for tests. It behaves
 * like the real library where the daemon could tell the difference: calls before {@link #init()}
 * fail with {@code NVML_ERROR_UNINITIALIZED}, init and shutdown are reference-counted, an unknown
 * GPU index is {@code NVML_ERROR_INVALID_ARGUMENT}, and a query the model lacks is an empty answer.
 *
 * <p>Faults (see {@link SimulatedFault}) can be added and removed while other threads call, so a
 * test can make a GPU get lost, hang or slow down, and come back. Answers are otherwise fixed by
 * the scenario: the same scenario always gives the same values.
 */
public final class SimulatedNvml implements Nvml {

    /** Drivers before R510 lack {@code nvmlDeviceGetMemoryInfo_v2}, so they report no reserved memory. */
    private static final int FIRST_DRIVER_WITH_MEMORY_INFO_V2 = 510;

    private final Scenario scenario;
    private final FaultInjector faults;
    private final AtomicInteger initCount = new AtomicInteger();
    private final BlockingQueue<XidEvent> xids;
    private final AtomicInteger liveGpmSamples = new AtomicInteger();
    private final AtomicLong gpmSamplesTaken = new AtomicLong();

    public SimulatedNvml(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.faults = new FaultInjector(scenario.faults());
        this.xids = new LinkedBlockingQueue<>(scenario.pendingXids());
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Adds a fault; calls already past their fault check are not affected. */
    public void inject(SimulatedFault fault) {
        checkGpu(fault);
        faults.inject(fault);
    }

    /** Removes one fault (the scenario's own included); a call hung on it returns. */
    public boolean remove(SimulatedFault fault) {
        return faults.remove(fault);
    }

    /** Removes every fault, the scenario's own included, and lets hung calls return. */
    public void clearFaults() {
        faults.clear();
    }

    /** Removes every hang fault, so the calls stuck in one return and later calls do not hang. */
    public void releaseHangs() {
        faults.releaseHangs();
    }

    /** The faults now in force, in the order they act. */
    public List<SimulatedFault> faults() {
        return faults.faults();
    }

    /**
     * How many inits no shutdown has balanced yet: NVML's reference count. A caller that loses
     * track of an init keeps the real library from ever shutting down, so its restarts do nothing.
     */
    public int references() {
        return initCount.get();
    }

    /** Queues an Xid event for whoever waits on an {@link #xidEvents()} stream. */
    public void injectXid(XidEvent event) {
        if (event.gpuIndex() < 0 || event.gpuIndex() >= scenario.gpus().size()) {
            throw new IllegalArgumentException("Xid on GPU " + event.gpuIndex() + ", but there are "
                    + scenario.gpus().size() + " GPUs");
        }
        xids.add(event);
    }

    @Override
    public void init() {
        failOn(NvmlCall.INIT, OptionalInt.empty(), e -> true);
        scenario.nvmlInitError().ifPresent(e -> {
            throw new NvmlException(NvmlCall.INIT.cName(), e);
        });
        initCount.incrementAndGet();
    }

    @Override
    public void shutdown() {
        system(NvmlCall.SHUTDOWN);
        initCount.updateAndGet(n -> Math.max(0, n - 1));
    }

    @Override
    public String driverVersion() {
        system(NvmlCall.DRIVER_VERSION);
        return scenario.driverVersion();
    }

    @Override
    public String nvmlVersion() {
        system(NvmlCall.NVML_VERSION);
        return scenario.cudaDriverVersion() / 1000 + "." + scenario.driverVersion();
    }

    @Override
    public int cudaDriverVersion() {
        system(NvmlCall.CUDA_DRIVER_VERSION);
        return scenario.cudaDriverVersion();
    }

    @Override
    public int deviceCount() {
        system(NvmlCall.DEVICE_COUNT);
        return scenario.gpus().size();
    }

    @Override
    public int indexOfUuid(String uuid) {
        return indexWhere(NvmlCall.INDEX_OF_UUID, g -> g.uuid().equals(uuid));
    }

    @Override
    public int indexOfPciBusId(String pciBusId) {
        String wanted;
        try {
            wanted = SimulatedGpu.normalizeBusId(pciBusId);
        } catch (IllegalArgumentException e) {
            requireInit(NvmlCall.INDEX_OF_PCI_BUS_ID);
            throw new NvmlException(NvmlCall.INDEX_OF_PCI_BUS_ID.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        return indexWhere(NvmlCall.INDEX_OF_PCI_BUS_ID, g -> g.pciBusId().equals(wanted));
    }

    @Override
    public String name(int gpu) {
        return device(NvmlCall.NAME, gpu).model().nvmlName();
    }

    @Override
    public String uuid(int gpu) {
        return device(NvmlCall.UUID, gpu).uuid();
    }

    @Override
    public Optional<String> serial(int gpu) {
        return supported(NvmlCall.SERIAL, gpu).flatMap(SimulatedGpu::serial);
    }

    @Override
    public Optional<GpuBrand> brand(int gpu) {
        return supported(NvmlCall.BRAND, gpu).map(g -> g.model().brand());
    }

    @Override
    public Optional<GpuArchitecture> architecture(int gpu) {
        return supported(NvmlCall.ARCHITECTURE, gpu).map(g -> g.model().architecture());
    }

    @Override
    public OptionalInt minorNumber(int gpu) {
        return supported(NvmlCall.MINOR_NUMBER, gpu).map(g -> OptionalInt.of(g.minorNumber())).orElse(OptionalInt.empty());
    }

    @Override
    public PciInfo pciInfo(int gpu) {
        return device(NvmlCall.PCI_INFO, gpu).pciInfo();
    }

    @Override
    public Optional<ComputeCapability> computeCapability(int gpu) {
        return supported(NvmlCall.COMPUTE_CAPABILITY, gpu).map(g -> g.model().computeCapability());
    }

    @Override
    public MemoryInfo memoryInfo(int gpu) {
        SimulatedGpu g = device(NvmlCall.MEMORY_INFO, gpu);
        long total = g.model().memoryTotalBytes();
        long reserved = g.model().memoryReservedBytes();
        if (driverMajor() < FIRST_DRIVER_WITH_MEMORY_INFO_V2) {
            long used = g.memoryUsedBytes() + reserved;
            return new MemoryInfo(total, total - used, used, OptionalLong.empty());
        }
        return new MemoryInfo(total, total - reserved - g.memoryUsedBytes(), g.memoryUsedBytes(), OptionalLong.of(reserved));
    }

    /** None in MIG mode, like a real driver's: the instances' activity is read through GPM. */
    @Override
    public Optional<Utilization> utilization(int gpu) {
        return supported(NvmlCall.UTILIZATION, gpu).filter(g -> !g.migEnabled()).map(SimulatedGpu::utilization);
    }

    @Override
    public OptionalInt temperatureCelsius(int gpu) {
        return supported(NvmlCall.TEMPERATURE, gpu)
                .map(g -> OptionalInt.of(g.temperatureCelsius())).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt powerUsageMilliwatts(int gpu) {
        return supported(NvmlCall.POWER_USAGE, gpu)
                .map(g -> OptionalInt.of(g.powerUsageMilliwatts())).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt powerLimitMilliwatts(int gpu) {
        return supported(NvmlCall.POWER_LIMIT, gpu)
                .map(g -> OptionalInt.of(g.powerLimitMilliwatts())).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalLong totalEnergyMillijoules(int gpu) {
        return supported(NvmlCall.TOTAL_ENERGY, gpu).map(SimulatedGpu::totalEnergyMillijoules).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalInt clockMhz(int gpu, ClockType clock) {
        return supported(NvmlCall.CLOCK, gpu).map(g -> OptionalInt.of(g.clocks().mhz(clock))).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt fanSpeedPercent(int gpu) {
        return supported(NvmlCall.FAN_SPEED, gpu).map(SimulatedGpu::fanSpeedPercent).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt pcieThroughputKilobytesPerSecond(int gpu, PcieDirection direction) {
        return supported(NvmlCall.PCIE_THROUGHPUT, gpu).flatMap(SimulatedGpu::pcieThroughput)
                .map(p -> OptionalInt.of(p.kilobytesPerSecond(direction))).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalLong eccErrors(int gpu, EccErrorType type, EccCounterType counter) {
        return supported(NvmlCall.ECC_ERRORS, gpu).flatMap(SimulatedGpu::ecc)
                .map(e -> OptionalLong.of(e.count(type, counter))).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<RemappedRows> remappedRows(int gpu) {
        return supported(NvmlCall.REMAPPED_ROWS, gpu).flatMap(SimulatedGpu::remappedRows);
    }

    @Override
    public OptionalLong clockEventReasons(int gpu) {
        return supported(NvmlCall.CLOCK_EVENT_REASONS, gpu)
                .map(g -> OptionalLong.of(ClockEventReason.encode(g.clockEventReasons())))
                .orElse(OptionalLong.empty());
    }

    @Override
    public Optional<Boolean> persistenceMode(int gpu) {
        return supported(NvmlCall.PERSISTENCE_MODE, gpu).map(SimulatedGpu::persistenceMode);
    }

    @Override
    public Optional<ComputeMode> computeMode(int gpu) {
        return supported(NvmlCall.COMPUTE_MODE, gpu).map(SimulatedGpu::computeMode);
    }

    @Override
    public Optional<MigMode> migMode(int gpu) {
        return supported(NvmlCall.MIG_MODE, gpu).flatMap(SimulatedGpu::migMode);
    }

    @Override
    public int maxMigDeviceCount(int gpu) {
        return supported(NvmlCall.MAX_MIG_DEVICE_COUNT, gpu).filter(SimulatedGpu::migEnabled)
                .map(g -> SimulatedGpu.MIG_SLICES).orElse(0);
    }

    @Override
    public Optional<MigDevice> migDevice(int gpu, int index) {
        SimulatedGpu g = device(NvmlCall.MIG_DEVICE, gpu);
        return migAt(NvmlCall.MIG_DEVICE, g, index).map(d -> new MigDevice(index, d.gpuInstanceId(),
                d.computeInstanceId(), migUuid(g, d), g.model().nvmlName() + " MIG " + d.profile()));
    }

    @Override
    public MemoryInfo migMemoryInfo(int gpu, int index) {
        SimulatedGpu g = device(NvmlCall.MIG_MEMORY_INFO, gpu);
        SimulatedMigDevice d = migAt(NvmlCall.MIG_MEMORY_INFO, g, index)
                .orElseThrow(() -> new NvmlException(NvmlCall.MIG_DEVICE.cName(), NvmlReturn.ERROR_NOT_FOUND));
        return new MemoryInfo(d.memoryTotalBytes(), d.memoryTotalBytes() - d.memoryUsedBytes(), d.memoryUsedBytes(),
                OptionalLong.of(0));
    }

    /** The MIG device at this index; empty past the last one, like NVML's {@code NOT_FOUND}. */
    private static Optional<SimulatedMigDevice> migAt(NvmlCall call, SimulatedGpu g, int index) {
        if (!g.migEnabled() || index < 0 || index >= SimulatedGpu.MIG_SLICES) {
            throw new NvmlException(call.cName(), g.migEnabled() ? NvmlReturn.ERROR_INVALID_ARGUMENT
                    : NvmlReturn.ERROR_NOT_SUPPORTED);
        }
        return index < g.migDevices().size() ? Optional.of(g.migDevices().get(index)) : Optional.empty();
    }

    private static String migUuid(SimulatedGpu g, SimulatedMigDevice d) {
        byte[] seed = (g.uuid() + "/" + d.gpuInstanceId() + "/" + d.computeInstanceId())
                .getBytes(StandardCharsets.UTF_8);
        return "MIG-" + UUID.nameUUIDFromBytes(seed);
    }

    @Override
    public List<FieldValue> fieldValues(int gpu, List<FieldRequest> requests) {
        return supported(NvmlCall.FIELD_VALUES, gpu)
                .map(g -> requests.stream().map(r -> SimulatedFields.answer(g, r)).toList())
                .orElse(List.of());
    }

    @Override
    public OptionalInt pcieLink(int gpu, PcieLinkQuery query) {
        return supported(NvmlCall.PCIE_LINK, gpu)
                .map(g -> OptionalInt.of(g.pcieLink().value(query))).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt codecUtilizationPercent(int gpu, Codec codec) {
        return supported(NvmlCall.CODEC_UTILIZATION, gpu)
                .map(g -> OptionalInt.of(codec == Codec.ENCODER ? g.encoderPercent() : g.decoderPercent()))
                .orElse(OptionalInt.empty());
    }

    @Override
    public OptionalLong violationNanoseconds(int gpu, PerfPolicy policy) {
        return supported(NvmlCall.VIOLATION_STATUS, gpu)
                .map(g -> OptionalLong.of(g.violationNanoseconds().getOrDefault(policy, 0L)))
                .orElse(OptionalLong.empty());
    }

    /** A link past the GPU's last is {@code NVML_ERROR_INVALID_ARGUMENT}, as the real library answers. */
    @Override
    public Optional<Boolean> nvlinkActive(int gpu, int link) {
        Optional<SimulatedGpu> g = supported(NvmlCall.NVLINK_STATE, gpu);
        if (g.isEmpty() || g.get().nvlinks().isEmpty()) {
            return Optional.empty();
        }
        if (link < 0 || link >= g.get().nvlinks().size()) {
            throw new NvmlException(NvmlCall.NVLINK_STATE.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        return Optional.of(g.get().nvlinks().get(link).active());
    }

    @Override
    public List<GpuProcess> computeProcesses(int gpu) {
        return processes(device(NvmlCall.COMPUTE_PROCESSES, gpu), ProcessKind.COMPUTE);
    }

    @Override
    public List<GpuProcess> graphicsProcesses(int gpu) {
        return processes(device(NvmlCall.GRAPHICS_PROCESSES, gpu), ProcessKind.GRAPHICS);
    }

    @Override
    public XidEventStream xidEvents() {
        system(NvmlCall.XID_EVENTS);
        return new SimulatedXidEventStream(xids, () -> system(NvmlCall.XID_EVENTS));
    }

    /** Drops one reference like {@code nvmlShutdown}, without faults: closing must not hang or throw. */
    @Override
    public void close() {
        initCount.updateAndGet(n -> Math.max(0, n - 1));
    }

    private static List<GpuProcess> processes(SimulatedGpu gpu, ProcessKind kind) {
        return gpu.processes().stream()
                .filter(p -> p.kind() == kind)
                .map(p -> new GpuProcess(p.pid(), OptionalLong.of(p.usedMemoryBytes()), p.gpuInstanceId(),
                        p.gpuInstanceId().isPresent() ? OptionalInt.of(0) : OptionalInt.empty(), kind))
                .toList();
    }

    private int indexWhere(NvmlCall call, Predicate<SimulatedGpu> wanted) {
        requireInit(call);
        int index = scenario.gpus().stream().filter(wanted).mapToInt(SimulatedGpu::index).findFirst()
                .orElseThrow(() -> new NvmlException(call.cName(), NvmlReturn.ERROR_NOT_FOUND));
        failOn(call, OptionalInt.of(index), e -> true);
        return index;
    }

    /** A call about no GPU: every error is thrown. */
    private void system(NvmlCall call) {
        requireInit(call);
        failOn(call, OptionalInt.empty(), e -> true);
    }

    /** A call whose answer cannot be "not supported": every error is thrown. */
    private SimulatedGpu device(NvmlCall call, int gpu) {
        SimulatedGpu g = existing(call, gpu);
        failOn(call, OptionalInt.of(gpu), e -> true);
        return g;
    }

    /** A metric query: {@code NOT_SUPPORTED} is an empty answer, other errors are thrown. */
    private Optional<SimulatedGpu> supported(NvmlCall call, int gpu) {
        SimulatedGpu g = existing(call, gpu);
        boolean notSupported = !failOn(call, OptionalInt.of(gpu), e -> e != NvmlReturn.ERROR_NOT_SUPPORTED);
        return notSupported ? Optional.empty() : Optional.of(g);
    }

    private SimulatedGpu existing(NvmlCall call, int gpu) {
        requireInit(call);
        if (gpu < 0 || gpu >= scenario.gpus().size()) {
            throw new NvmlException(call.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        return scenario.gpus().get(gpu);
    }

    /**
     * Lets the faults act on a call and throws the error they give when {@code thrown} says so.
     *
     * @return false when the faults gave an error that was not thrown
     */
    private boolean failOn(NvmlCall call, OptionalInt gpu, Predicate<NvmlReturn> thrown) {
        Optional<NvmlReturn> error = faults.apply(call, gpu);
        if (error.isPresent() && thrown.test(error.get())) {
            throw new NvmlException(call.cName(), error.get());
        }
        return error.isEmpty();
    }

    private void requireInit(NvmlCall call) {
        if (initCount.get() == 0) {
            throw new NvmlException(call.cName(), NvmlReturn.ERROR_UNINITIALIZED);
        }
    }

    private int driverMajor() {
        return Integer.parseInt(scenario.driverVersion().substring(0, scenario.driverVersion().indexOf('.')));
    }

    private void checkGpu(SimulatedFault fault) {
        int count = scenario.gpus().size();
        fault.gpu().ifPresent(g -> {
            if (g >= count) {
                throw new IllegalArgumentException("fault on GPU " + g + ", but there are " + count + " GPUs");
            }
        });
    }

    /**
     * The GPU's SM and memory utilization shared among its compute processes in proportion to their
     * memory, as one sample each. A simulated GPU is busy the same way all the time, so every call has
     * a sample newer than the one last seen. Like a real driver: none in MIG mode, and a process that
     * gets no share has no sample.
     */
    @Override
    public List<ProcessUtilizationSample> processUtilization(int gpu, long lastSeenTimestampMicros) {
        Optional<SimulatedGpu> g = supported(NvmlCall.PROCESS_UTILIZATION, gpu);
        if (g.isEmpty() || g.get().migMode().filter(MigMode::current).isPresent()) {
            return List.of();
        }
        List<SimulatedProcess> compute = g.get().processes().stream()
                .filter(p -> p.kind() == ProcessKind.COMPUTE).toList();
        long totalMemory = compute.stream().mapToLong(SimulatedProcess::usedMemoryBytes).sum();
        Utilization utilization = g.get().utilization();
        long timestamp = Math.max(lastSeenTimestampMicros, 0) + 1;
        return compute.stream()
                .map(p -> new ProcessUtilizationSample(p.pid(), timestamp,
                        share(utilization.gpuPercent(), p.usedMemoryBytes(), totalMemory),
                        share(utilization.memoryPercent(), p.usedMemoryBytes(), totalMemory), 0, 0))
                .filter(s -> s.smPercent() > 0 || s.memoryPercent() > 0)
                .toList();
    }

    private static int share(int percent, long part, long whole) {
        return whole == 0 ? 0 : (int) (percent * part / whole);
    }

    // GPM

    /** The GPU has GPM when its model is Hopper or newer (the scenario's GPU has GPM metrics). */
    @Override
    public boolean gpmSupported(int gpu) {
        return supported(NvmlCall.GPM_SUPPORTED, gpu).map(g -> !g.gpmMetrics().isEmpty()).orElse(false);
    }

    @Override
    public GpmSample gpmSampleAlloc() {
        system(NvmlCall.GPM_SAMPLE_ALLOC);
        liveGpmSamples.incrementAndGet();
        return new SimulatedGpmSample(this);
    }

    @Override
    public void gpmSampleGet(int gpu, GpmSample sample) {
        SimulatedGpmSample s = live(NvmlCall.GPM_SAMPLE_GET, sample);
        SimulatedGpu g = device(NvmlCall.GPM_SAMPLE_GET, gpu);
        if (g.gpmMetrics().isEmpty()) {
            throw new NvmlException(NvmlCall.GPM_SAMPLE_GET.cName(), NvmlReturn.ERROR_NOT_SUPPORTED);
        }
        s.fill(gpu, gpmSamplesTaken.incrementAndGet());
    }

    @Override
    public void gpmMigSampleGet(int gpu, int gpuInstanceId, GpmSample sample) {
        SimulatedGpmSample s = live(NvmlCall.GPM_MIG_SAMPLE_GET, sample);
        SimulatedGpu g = device(NvmlCall.GPM_MIG_SAMPLE_GET, gpu);
        if (g.gpmMetrics().isEmpty() || !g.migEnabled()) {
            throw new NvmlException(NvmlCall.GPM_MIG_SAMPLE_GET.cName(), NvmlReturn.ERROR_NOT_SUPPORTED);
        }
        if (g.migDevicesOf(gpuInstanceId).isEmpty()) {
            throw new NvmlException(NvmlCall.GPM_MIG_SAMPLE_GET.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        s.fillInstance(gpu, gpuInstanceId, gpmSamplesTaken.incrementAndGet());
    }

    /** Never faulted: freeing is how a caller recovers, and must not fail it. */
    @Override
    public void gpmSampleFree(GpmSample sample) {
        if (own(sample).release()) {
            liveGpmSamples.decrementAndGet();
        }
    }

    /** Like NVML, wants two filled samples of one GPU, the earlier first; the scenario's values are steady. */
    @Override
    public Map<GpmMetric, Double> gpmMetrics(GpmSample earlier, GpmSample later, List<GpmMetric> metrics) {
        system(NvmlCall.GPM_METRICS);
        SimulatedGpmSample first = live(NvmlCall.GPM_METRICS, earlier);
        SimulatedGpmSample second = live(NvmlCall.GPM_METRICS, later);
        if (first.gpu().isEmpty() || !first.gpu().equals(second.gpu())
                || !first.gpuInstance().equals(second.gpuInstance()) || first.taken() >= second.taken()) {
            throw new NvmlException(NvmlCall.GPM_METRICS.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        SimulatedGpu g = scenario.gpus().get(first.gpu().getAsInt());
        Map<GpmMetric, Double> values = first.gpuInstance().isPresent()
                ? g.migDevicesOf(first.gpuInstance().getAsInt()).get(0).gpmMetrics() : g.gpmMetrics();
        Map<GpmMetric, Double> asked = new EnumMap<>(GpmMetric.class);
        metrics.stream().filter(values::containsKey).forEach(m -> asked.put(m, values.get(m)));
        return asked;
    }

    /** GPM samples allocated and not yet freed: a test's leak check. */
    public int liveGpmSamples() {
        return liveGpmSamples.get();
    }

    private SimulatedGpmSample live(NvmlCall call, GpmSample sample) {
        SimulatedGpmSample s = own(sample);
        if (s.freed()) {
            throw new NvmlException(call.cName(), NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        return s;
    }

    private SimulatedGpmSample own(GpmSample sample) {
        if (sample instanceof SimulatedGpmSample s && s.owner() == this) {
            return s;
        }
        throw new IllegalArgumentException("a GPM sample of another NVML");
    }
}
