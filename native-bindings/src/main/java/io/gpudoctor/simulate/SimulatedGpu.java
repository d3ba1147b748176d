package io.gpudoctor.simulate;

import io.gpudoctor.nvml.ClockEventReason;
import io.gpudoctor.nvml.ComputeMode;
import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.GpuArchitecture;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.PciInfo;
import io.gpudoctor.nvml.PcieDirection;
import io.gpudoctor.nvml.PerfPolicy;
import io.gpudoctor.nvml.RemappedRows;
import io.gpudoctor.nvml.Utilization;
import io.gpudoctor.simulate.GpuModel.Clocks;
import io.gpudoctor.simulate.GpuModel.Feature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GPU of a scenario: everything {@link SimulatedNvml} answers about it. An empty Optional is a
 * query the model does not support (a fan on an H100, ECC on a GeForce card, MIG on a T4), and the
 * constructor refuses a value for one, so a scenario cannot describe hardware that does not exist.
 * {@link #builder(GpuModel, int)} fills what a scenario leaves out from the model.
 *
 * @param pciBusId NVML's form, {@code 00000000:18:00.0}
 */
public record SimulatedGpu(
        GpuModel model,
        int index,
        String uuid,
        String pciBusId,
        Optional<String> serial,
        int minorNumber,
        long memoryUsedBytes,
        Utilization utilization,
        int temperatureCelsius,
        int powerUsageMilliwatts,
        int powerLimitMilliwatts,
        OptionalLong totalEnergyMillijoules,
        Clocks clocks,
        OptionalInt fanSpeedPercent,
        Optional<PcieThroughput> pcieThroughput,
        boolean persistenceMode,
        ComputeMode computeMode,
        Optional<MigMode> migMode,
        Optional<EccCounts> ecc,
        Optional<RemappedRows> remappedRows,
        Set<ClockEventReason> clockEventReasons,
        PcieLink pcieLink,
        List<NvLink> nvlinks,
        NvLinkErrors nvlinkErrors,
        OptionalInt memoryTemperatureCelsius,
        int encoderPercent,
        int decoderPercent,
        Optional<RetiredPages> retiredPages,
        Map<PerfPolicy, Long> violationNanoseconds,
        List<SimulatedProcess> processes,
        Map<GpmMetric, Double> gpmMetrics,
        List<SimulatedMigDevice> migDevices) {

    private static final Pattern BUS_ID =
            Pattern.compile("([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8}):([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})\\.([0-7])");

    /**
     * PCI buses of the eight GPUs of a DGX/HGX baseboard, so that generated ids look like a real
     * node's; GPUs past eight go to the next PCI domain.
     */
    /** The compute slices of a MIG-capable GPU, and so the most MIG devices it can hold. */
    public static final int MIG_SLICES = 7;

    /** Memory bandwidth busy per cent of engine activity, for activity given without it (MIG instances). */
    static final int MIG_DRAM_SHARE = 60;

    private static final int[] HGX_BUSES = {0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB};

    public SimulatedGpu {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(utilization, "utilization");
        Objects.requireNonNull(clocks, "clocks");
        Objects.requireNonNull(computeMode, "computeMode");
        clockEventReasons = clockEventReasons.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(clockEventReasons));
        processes = List.copyOf(processes);
        nvlinks = List.copyOf(nvlinks);
        violationNanoseconds = Map.copyOf(violationNanoseconds);
        gpmMetrics = Map.copyOf(gpmMetrics);
        migDevices = List.copyOf(migDevices);
        Objects.requireNonNull(pcieLink, "pcieLink");
        Objects.requireNonNull(nvlinkErrors, "nvlinkErrors");
        String what = "GPU " + index + " (" + model.nvmlName() + ")";
        check(index >= 0, what + ": negative index");
        check(uuid != null && !uuid.isBlank(), what + ": blank uuid");
        check(pciBusId != null && BUS_ID.matcher(pciBusId).matches() && pciBusId.length() == 16,
                what + ": PCI bus id must look like 00000000:18:00.0, not " + pciBusId);
        check(minorNumber >= 0, what + ": negative minor number");
        check(utilization.gpuPercent() >= 0 && utilization.gpuPercent() <= 100
                && utilization.memoryPercent() >= 0 && utilization.memoryPercent() <= 100,
                what + ": utilization must be 0-100 percent");
        check(temperatureCelsius >= 0 && temperatureCelsius <= 150, what + ": implausible temperature " + temperatureCelsius);
        check(powerUsageMilliwatts >= 0, what + ": negative power usage");
        check(powerLimitMilliwatts > 0, what + ": power limit must be positive");
        check(totalEnergyMillijoules.orElse(0) >= 0, what + ": negative energy");
        long usable = model.memoryTotalBytes() - model.memoryReservedBytes();
        check(memoryUsedBytes >= 0 && memoryUsedBytes <= usable,
                what + ": memory used must be between 0 and " + usable + " bytes, not " + memoryUsedBytes);
        long byProcesses = processes.stream().mapToLong(SimulatedProcess::usedMemoryBytes).sum();
        check(memoryUsedBytes >= byProcesses,
                what + ": memory used " + memoryUsedBytes + " is below the " + byProcesses + " bytes its processes use");
        Set<String> seen = new HashSet<>();
        for (SimulatedProcess p : processes) {
            check(seen.add(p.kind() + "/" + p.pid()), what + ": process " + p.pid() + " is listed twice");
        }
        fanSpeedPercent.ifPresent(f -> check(f >= 0 && f <= 100, what + ": fan speed must be 0-100 percent"));
        requireFeature(serial.isPresent(), Feature.SERIAL, "serial number", what, model);
        requireFeature(fanSpeedPercent.isPresent(), Feature.FAN, "fan", what, model);
        requireFeature(ecc.isPresent(), Feature.ECC, "ECC", what, model);
        requireFeature(migMode.isPresent(), Feature.MIG, "MIG", what, model);
        requireFeature(remappedRows.isPresent(), Feature.REMAPPED_ROWS, "row remapping", what, model);
        requireFeature(totalEnergyMillijoules.isPresent(), Feature.ENERGY, "energy counter", what, model);
        requireFeature(pcieThroughput.isPresent(), Feature.PCIE_THROUGHPUT, "PCIe throughput counters", what, model);
        check(nvlinks.size() == model.nvlinkCount(),
                what + ": the model has " + model.nvlinkCount() + " NVLinks, not " + nvlinks.size());
        check(!nvlinks.isEmpty() || nvlinkErrors.equals(NvLinkErrors.NONE), what + ": NVLink errors without NVLinks");
        check(pcieLink.maxGeneration() <= model.pcieMaxGeneration(),
                what + ": the model supports PCIe gen " + model.pcieMaxGeneration() + " at most");
        check(memoryTemperatureCelsius.isEmpty() || model.hasHbm(), what + ": the model has no HBM temperature sensor");
        check(encoderPercent >= 0 && encoderPercent <= 100 && decoderPercent >= 0 && decoderPercent <= 100,
                what + ": encoder and decoder utilization must be 0-100 percent");
        check(retiredPages.isEmpty() || retiresPages(model), what + ": the model does not retire pages");
        check(gpmMetrics.isEmpty() || hasGpm(model), what + ": GPM metrics on a GPU older than Hopper");
        gpmMetrics.forEach((metric, value) -> check(value >= 0 && (metric.name().endsWith("_PER_SEC") || value <= 100),
                what + ": " + metric + " must be 0-100 percent (MiB/s for the _PER_SEC ones), not " + value));
        check(violationNanoseconds.values().stream().allMatch(ns -> ns >= 0), what + ": negative violation time");
        checkMigDevices(what, model, migMode, migDevices);
        Set<Integer> gpuInstances = new HashSet<>();
        migDevices.forEach(d -> gpuInstances.add(d.gpuInstanceId()));
        for (SimulatedProcess p : processes) {
            p.gpuInstanceId().ifPresent(gi -> check(gpuInstances.contains(gi),
                    what + ": process " + p.pid() + " runs in GPU instance " + gi + ", which the GPU does not have"));
        }
    }

    /**
     * The GPM engine metrics of a steady job as busy as {@code gpuPercent}: a mixed-precision
     * training mix when busy, nothing when idle.
     */
    static Map<GpmMetric, Double> engineActivity(int gpuPercent, int memoryPercent) {
        boolean busy = gpuPercent > 0;
        Map<GpmMetric, Double> activity = new EnumMap<>(GpmMetric.class);
        activity.put(GpmMetric.GRAPHICS_UTIL, (double) gpuPercent);
        activity.put(GpmMetric.SM_UTIL, gpuPercent * 0.85);
        activity.put(GpmMetric.SM_OCCUPANCY, gpuPercent * 0.4);
        activity.put(GpmMetric.ANY_TENSOR_UTIL, busy ? 42.0 : 0);
        activity.put(GpmMetric.DRAM_BW_UTIL, (double) memoryPercent);
        activity.put(GpmMetric.FP64_UTIL, busy ? 0.5 : 0);
        activity.put(GpmMetric.FP32_UTIL, busy ? 18.0 : 0);
        activity.put(GpmMetric.FP16_UTIL, busy ? 6.0 : 0);
        return Map.copyOf(activity);
    }

    /** Whether MIG is on now, so that the GPU is shared out in MIG devices. */
    public boolean migEnabled() {
        return migMode.map(MigMode::current).orElse(false);
    }

    /** The MIG devices of GPU instance {@code gpuInstanceId}; empty where the GPU has none by that id. */
    public List<SimulatedMigDevice> migDevicesOf(int gpuInstanceId) {
        return migDevices.stream().filter(d -> d.gpuInstanceId() == gpuInstanceId).toList();
    }

    /**
     * MIG devices only with MIG on; one GPU instance's compute instances agree on profile, memory
     * and activity; the GPU instances hold at most the seven slices and the memory the GPU has.
     */
    private static void checkMigDevices(String what, GpuModel model, Optional<MigMode> migMode,
                                        List<SimulatedMigDevice> devices) {
        if (devices.isEmpty()) {
            return;
        }
        check(migMode.map(MigMode::current).orElse(false), what + ": MIG devices while MIG is not enabled");
        Map<Integer, SimulatedMigDevice> instances = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (SimulatedMigDevice d : devices) {
            check(seen.add(d.gpuInstanceId() + "/" + d.computeInstanceId()),
                    what + ": MIG device " + d.gpuInstanceId() + "/" + d.computeInstanceId() + " is listed twice");
            SimulatedMigDevice first = instances.putIfAbsent(d.gpuInstanceId(), d);
            check(first == null || (first.profile().equals(d.profile())
                            && first.memoryTotalBytes() == d.memoryTotalBytes()
                            && first.memoryUsedBytes() == d.memoryUsedBytes()
                            && first.activityPercent() == d.activityPercent()),
                    what + ": the compute instances of GPU instance " + d.gpuInstanceId()
                            + " disagree on its profile, memory or activity");
        }
        int slices = instances.values().stream().mapToInt(SimulatedMigDevice::slices).sum();
        check(slices <= MIG_SLICES, what + ": its GPU instances hold " + slices + " compute slices, more than "
                + MIG_SLICES);
        long memory = instances.values().stream().mapToLong(SimulatedMigDevice::memoryTotalBytes).sum();
        check(memory <= model.memoryTotalBytes(), what + ": its GPU instances hold " + memory
                + " bytes, more than the GPU's " + model.memoryTotalBytes());
    }

    /** Pre-Ampere ECC boards retire pages; later HBM boards remap rows instead. */
    /** GPU Performance Monitoring came with Hopper. */
    static boolean hasGpm(GpuModel model) {
        return model.architecture() == GpuArchitecture.HOPPER || model.architecture() == GpuArchitecture.BLACKWELL;
    }

    static boolean retiresPages(GpuModel model) {
        return model.supports(Feature.ECC) && !model.supports(Feature.REMAPPED_ROWS);
    }

    /** The PCI identity NVML derives from the bus id and the model. */
    public PciInfo pciInfo() {
        Matcher m = BUS_ID.matcher(pciBusId);
        if (!m.matches()) {
            throw new IllegalStateException("validated bus id no longer parses: " + pciBusId);
        }
        return new PciInfo(pciBusId, Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), model.pciDeviceId(), model.pciSubSystemId());
    }

    /** A GPU of this model at this index, every field not set on the builder derived from the model. */
    public static Builder builder(GpuModel model, int index) {
        return new Builder(model, index);
    }

    /** The NVML form of a bus id written with a 4- or 8-digit domain, in either case. */
    public static String normalizeBusId(String busId) {
        Matcher m = BUS_ID.matcher(busId.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PCI bus id (want DDDDDDDD:BB:DD.F): " + busId);
        }
        return String.format(Locale.ROOT, "%08X:%s:%s.%s", Long.parseLong(m.group(1), 16),
                m.group(2).toUpperCase(Locale.ROOT), m.group(3).toUpperCase(Locale.ROOT), m.group(4));
    }

    private static void requireFeature(boolean present, Feature feature, String what, String gpu, GpuModel model) {
        check(!present || model.supports(feature), gpu + ": the model has no " + what);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Collects what a scenario says about a GPU. Defaults: a deterministic uuid, bus id and serial
     * from model and index; memory used = what the processes use; an idle GPU (GPU_IDLE, low
     * clocks, a tenth of the power limit) unless utilization is set, then clocks at their maximum
     * and power rising with utilization; every supported counter at zero; persistence mode off
     * and MIG disabled, as a freshly booted node has them.
     */
    public static final class Builder {
        private static final int IDLE_CLOCK_MHZ = 210;
        private static final long SECONDS_PER_DAY = 86_400;

        private final GpuModel model;
        private final int index;
        private Optional<String> uuid = Optional.empty();
        private Optional<String> pciBusId = Optional.empty();
        private Optional<String> serial = Optional.empty();
        private OptionalInt minorNumber = OptionalInt.empty();
        private OptionalLong memoryUsedBytes = OptionalLong.empty();
        private Utilization utilization = new Utilization(0, 0);
        private OptionalInt temperatureCelsius = OptionalInt.empty();
        private OptionalInt powerUsageMilliwatts = OptionalInt.empty();
        private OptionalInt powerLimitMilliwatts = OptionalInt.empty();
        private OptionalLong totalEnergyMillijoules = OptionalLong.empty();
        private Optional<Clocks> clocks = Optional.empty();
        private OptionalInt fanSpeedPercent = OptionalInt.empty();
        private Optional<PcieThroughput> pcieThroughput = Optional.empty();
        private boolean persistenceMode;
        private ComputeMode computeMode = ComputeMode.DEFAULT;
        private Optional<MigMode> migMode = Optional.empty();
        private boolean eccEnabled = true;
        private Optional<EccCounts> ecc = Optional.empty();
        private Optional<RemappedRows> remappedRows = Optional.empty();
        private Optional<Set<ClockEventReason>> clockEventReasons = Optional.empty();
        private Optional<PcieLink> pcieLink = Optional.empty();
        private Optional<List<NvLink>> nvlinks = Optional.empty();
        private NvLinkErrors nvlinkErrors = NvLinkErrors.NONE;
        private OptionalInt memoryTemperatureCelsius = OptionalInt.empty();
        private int encoderPercent;
        private int decoderPercent;
        private Optional<RetiredPages> retiredPages = Optional.empty();
        private final Map<PerfPolicy, Long> violationNanoseconds = new EnumMap<>(PerfPolicy.class);
        private final List<SimulatedProcess> processes = new ArrayList<>();
        private final Map<GpmMetric, Double> gpmMetrics = new EnumMap<>(GpmMetric.class);
        private final List<SimulatedMigDevice> migDevices = new ArrayList<>();

        private Builder(GpuModel model, int index) {
            this.model = Objects.requireNonNull(model, "model");
            this.index = index;
        }

        public Builder uuid(String value) {
            uuid = Optional.of(value);
            return this;
        }

        /** Either NVML's 8-digit domain form or the 4-digit one of sysfs. */
        public Builder pciBusId(String value) {
            pciBusId = Optional.of(normalizeBusId(value));
            return this;
        }

        public Builder serial(String value) {
            serial = Optional.of(value);
            return this;
        }

        public Builder minorNumber(int value) {
            minorNumber = OptionalInt.of(value);
            return this;
        }

        public Builder memoryUsedBytes(long value) {
            memoryUsedBytes = OptionalLong.of(value);
            return this;
        }

        public Builder utilization(int gpuPercent, int memoryPercent) {
            utilization = new Utilization(gpuPercent, memoryPercent);
            return this;
        }

        public Builder temperatureCelsius(int value) {
            temperatureCelsius = OptionalInt.of(value);
            return this;
        }

        public Builder powerUsageMilliwatts(int value) {
            powerUsageMilliwatts = OptionalInt.of(value);
            return this;
        }

        public Builder powerLimitMilliwatts(int value) {
            powerLimitMilliwatts = OptionalInt.of(value);
            return this;
        }

        public Builder totalEnergyMillijoules(long value) {
            totalEnergyMillijoules = OptionalLong.of(value);
            return this;
        }

        public Builder clocks(Clocks value) {
            clocks = Optional.of(value);
            return this;
        }

        public Builder fanSpeedPercent(int value) {
            fanSpeedPercent = OptionalInt.of(value);
            return this;
        }

        public Builder pcieThroughput(PcieThroughput value) {
            pcieThroughput = Optional.of(value);
            return this;
        }

        public Builder persistenceMode(boolean value) {
            persistenceMode = value;
            return this;
        }

        public Builder computeMode(ComputeMode value) {
            computeMode = Objects.requireNonNull(value);
            return this;
        }

        public Builder migMode(MigMode value) {
            migMode = Optional.of(value);
            return this;
        }

        /** Turning ECC off (on a model that has it) makes its counters unanswerable, as on a real board. */
        public Builder eccEnabled(boolean value) {
            eccEnabled = value;
            return this;
        }

        public Builder ecc(EccCounts value) {
            ecc = Optional.of(value);
            return this;
        }

        public Builder remappedRows(RemappedRows value) {
            remappedRows = Optional.of(value);
            return this;
        }

        public Builder clockEventReasons(Set<ClockEventReason> value) {
            clockEventReasons = Optional.of(Set.copyOf(value));
            return this;
        }

        public Builder pcieLink(PcieLink value) {
            pcieLink = Optional.of(value);
            return this;
        }

        /** Every link of the board, in link order. */
        public Builder nvlinks(List<NvLink> value) {
            nvlinks = Optional.of(List.copyOf(value));
            return this;
        }

        public Builder nvlinkErrors(NvLinkErrors value) {
            nvlinkErrors = Objects.requireNonNull(value);
            return this;
        }

        public Builder memoryTemperatureCelsius(int value) {
            memoryTemperatureCelsius = OptionalInt.of(value);
            return this;
        }

        public Builder codecUtilization(int encoder, int decoder) {
            encoderPercent = encoder;
            decoderPercent = decoder;
            return this;
        }

        public Builder retiredPages(RetiredPages value) {
            retiredPages = Optional.of(value);
            return this;
        }

        public Builder violationNanoseconds(PerfPolicy policy, long nanoseconds) {
            violationNanoseconds.put(policy, nanoseconds);
            return this;
        }

        public Builder process(SimulatedProcess value) {
            processes.add(Objects.requireNonNull(value));
            return this;
        }

        public Builder processes(List<SimulatedProcess> values) {
            values.forEach(this::process);
            return this;
        }

        /** One GPM metric in NVML's unit (percent, MiB/s); those left out follow from utilization. */
        public Builder gpmMetric(GpmMetric metric, double value) {
            gpmMetrics.put(Objects.requireNonNull(metric), value);
            return this;
        }

        /**
         * One MIG device; MIG must be enabled ({@link #migMode}). A GPU with MIG devices is as busy
         * as they are: their activity replaces {@link #utilization}.
         */
        public Builder migDevice(SimulatedMigDevice value) {
            migDevices.add(Objects.requireNonNull(value));
            return this;
        }

        /** @throws IllegalArgumentException when the values contradict each other or the model */
        public SimulatedGpu build() {
            Utilization load = migDevices.isEmpty() ? utilization : migActivity();
            boolean busy = load.gpuPercent() > 0;
            int temperature = temperatureCelsius.orElse(32 + load.gpuPercent() * 4 / 10);
            int limit = powerLimitMilliwatts.orElse(model.powerLimitMilliwatts());
            int power = powerUsageMilliwatts.orElse(limit / 10 + (int) ((long) limit * 6 / 10 * load.gpuPercent() / 100));
            Clocks max = model.maxClocks();
            Clocks current = clocks.orElse(busy ? max : new Clocks(Math.min(IDLE_CLOCK_MHZ, max.graphicsMhz()),
                    Math.min(IDLE_CLOCK_MHZ, max.smMhz()), max.memoryMhz(), Math.min(IDLE_CLOCK_MHZ, max.videoMhz())));
            long used = memoryUsedBytes.orElse(processes.stream().mapToLong(SimulatedProcess::usedMemoryBytes).sum());
            return new SimulatedGpu(
                    model,
                    index,
                    uuid.orElseGet(this::defaultUuid),
                    pciBusId.orElseGet(this::defaultBusId),
                    serial.or(this::defaultSerial),
                    minorNumber.orElse(index),
                    used,
                    load,
                    temperature,
                    power,
                    limit,
                    totalEnergyMillijoules.isPresent() ? totalEnergyMillijoules
                            : supported(Feature.ENERGY) ? OptionalLong.of(power * SECONDS_PER_DAY) : OptionalLong.empty(),
                    current,
                    fanSpeedPercent.isPresent() ? fanSpeedPercent
                            : supported(Feature.FAN) ? OptionalInt.of(busy ? 60 : 30) : OptionalInt.empty(),
                    pcieThroughput.or(() -> supported(Feature.PCIE_THROUGHPUT) ? Optional.of(PcieThroughput.IDLE) : Optional.empty()),
                    persistenceMode,
                    computeMode,
                    migMode.or(() -> supported(Feature.MIG) ? Optional.of(new MigMode(false, false)) : Optional.empty()),
                    eccEnabled ? ecc.or(() -> supported(Feature.ECC) ? Optional.of(EccCounts.NONE) : Optional.empty())
                            : disabledEcc(),
                    remappedRows.or(() -> supported(Feature.REMAPPED_ROWS)
                            ? Optional.of(new RemappedRows(0, 0, false, false)) : Optional.empty()),
                    clockEventReasons.orElse(busy ? Set.of() : Set.of(ClockEventReason.GPU_IDLE)),
                    pcieLink.orElse(PcieLink.healthy(model.pcieMaxGeneration(), model.pcieMaxWidth(), busy)),
                    nvlinks.orElse(Collections.nCopies(model.nvlinkCount(), NvLink.UP)),
                    nvlinkErrors,
                    memoryTemperatureCelsius.isPresent() || !model.hasHbm() ? memoryTemperatureCelsius
                            : OptionalInt.of(temperature + 4),
                    encoderPercent,
                    decoderPercent,
                    retiredPages.or(() -> eccEnabled && retiresPages(model) ? Optional.of(RetiredPages.NONE)
                            : Optional.empty()),
                    allPolicies(violationNanoseconds),
                    processes,
                    gpm(load),
                    migDevices);
        }

        /**
         * A MIG GPU's whole activity: its GPU instances' activity weighted by their slices, as its
         * engines are shared out. NVML reports no utilization for it; power, clocks and GPM follow this,
         * in place of the builder's utilization.
         */
        private Utilization migActivity() {
            Map<Integer, SimulatedMigDevice> instances = new TreeMap<>();
            migDevices.forEach(d -> instances.putIfAbsent(d.gpuInstanceId(), d));
            int gpu = instances.values().stream().mapToInt(d -> d.activityPercent() * d.slices()).sum() / MIG_SLICES;
            return new Utilization(Math.min(100, gpu), Math.min(100, gpu * MIG_DRAM_SHARE / 100));
        }

        /**
         * The given GPM metrics over steady defaults a running job would show: activity after
         * utilization, a mixed-precision training mix on a busy GPU, nothing on an idle one. A model
         * without GPM gets none, and may be given none.
         */
        private Map<GpmMetric, Double> gpm(Utilization load) {
            if (!hasGpm(model)) {
                return Map.copyOf(gpmMetrics);
            }
            boolean busy = load.gpuPercent() > 0;
            Map<GpmMetric, Double> all = new EnumMap<>(engineActivity(load.gpuPercent(), load.memoryPercent()));
            PcieThroughput pcie = pcieThroughput.orElse(PcieThroughput.IDLE);
            all.put(GpmMetric.PCIE_TX_PER_SEC, mebibytesPerSecond(pcie.kilobytesPerSecond(PcieDirection.TX)));
            all.put(GpmMetric.PCIE_RX_PER_SEC, mebibytesPerSecond(pcie.kilobytesPerSecond(PcieDirection.RX)));
            double nvlink = busy && model.nvlinkCount() > 0 ? 61_440 : 0;
            all.put(GpmMetric.NVLINK_TOTAL_TX_PER_SEC, nvlink);
            all.put(GpmMetric.NVLINK_TOTAL_RX_PER_SEC, nvlink);
            all.putAll(gpmMetrics);
            return all;
        }

        private static double mebibytesPerSecond(int kilobytesPerSecond) {
            return kilobytesPerSecond * 1000.0 / (1 << 20);
        }

        private static Map<PerfPolicy, Long> allPolicies(Map<PerfPolicy, Long> given) {
            Map<PerfPolicy, Long> all = new EnumMap<>(PerfPolicy.class);
            for (PerfPolicy policy : PerfPolicy.values()) {
                all.put(policy, given.getOrDefault(policy, 0L));
            }
            return all;
        }

        private Optional<EccCounts> disabledEcc() {
            if (ecc.isPresent()) {
                throw new IllegalArgumentException("GPU " + index + ": ECC counts given while ECC is disabled");
            }
            return Optional.empty();
        }

        private boolean supported(Feature feature) {
            return model.supports(feature);
        }

        private String defaultUuid() {
            byte[] seed = ("gpu-doctor/simulated/" + model.name() + "/" + index).getBytes(StandardCharsets.UTF_8);
            return "GPU-" + UUID.nameUUIDFromBytes(seed);
        }

        private String defaultBusId() {
            return String.format(Locale.ROOT, "%08X:%02X:00.0", index / HGX_BUSES.length,
                    HGX_BUSES[index % HGX_BUSES.length]);
        }

        private Optional<String> defaultSerial() {
            return supported(Feature.SERIAL)
                    ? Optional.of(Long.toString(1_654_922_000_000L + model.ordinal() * 10_000L + index))
                    : Optional.empty();
        }
    }
}
