package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.GpuProcessUtilization;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.DriverQueries;
import io.gpudoctor.agent.gpus.GpmSampling;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.GpuWorkloads;
import io.gpudoctor.agent.gpus.NvmlSystem;
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.gpus.PciAddress;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.agent.host.kmsg.XidRecord;
import io.gpudoctor.nvml.Nvml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection cycle at a time: reads every GPU through a kept NVML session, each call bounded,
 * and makes the immutable {@link GpuSnapshot} the daemon serves. Not thread-safe: the sampler
 * thread (or a test) calls {@link #cycle()}.
 *
 * <p>A call that hangs is abandoned at its deadline and its thread with it; until it returns no
 * NVML call is made and no thread is started, and each cycle answers at once with the last good
 * readings, marked stale. When it returns, a fresh thread takes over and NVML is restarted.
 */
final class GpuSampler implements AutoCloseable {

    /** The name of the thread NVML calls run on. */
    static final String NVML_THREAD = "gpu-doctor-nvml";
    /** The name of the thread libcuda calls run on. */
    static final String CUDA_THREAD = "gpu-doctor-cuda";

    private static final Logger LOG = LoggerFactory.getLogger(GpuSampler.class);
    /** Answers after which the session no longer serves, and NVML is restarted. */
    private static final Set<String> SESSION_ENDING = Set.of("NVML_ERROR_GPU_IS_LOST", "NVML_ERROR_UNINITIALIZED",
            "NVML_ERROR_DRIVER_NOT_LOADED", "NVML_ERROR_LIB_RM_VERSION_MISMATCH");

    private final DriverConnection driver;
    private final HostView host;
    private final CollectionSettings settings;
    private final Clock clock;
    private final XidCounter xids;
    private final BooleanSupplier xidEventsAvailable;
    private final KernelLogXids kernelLog;
    private final NativeLane nvmlLane;
    private final NativeLane cudaLane;
    private final Optional<NvmlSession> session;
    private final CudaStateReader cuda;
    /** Kept across cycles: it remembers each pid's container, so a steady cycle reads little of the host. */
    private final ProcessOriginReader origins;
    private final LastGoodReadings lastGood = new LastGoodReadings();
    private final CallErrorCounter callErrors = new CallErrorCounter();
    private final ProcessUtilizationReader processUtilization = new ProcessUtilizationReader();
    /** Each GPU's last GPM sample, for this cycle's metrics. */
    private final GpmSampling gpm = new GpmSampling(GpuFields.ALL);
    private NvmlSystem lastSystem = new NvmlSystem(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());
    private Optional<Instant> stuckSince = Optional.empty();
    private long cycles;

    /**
     * @param xids               where Xid events are counted; the kernel log's are added here
     * @param xidEventsAvailable whether NVML's event API is delivering events now; the kernel log is
     *                           read for Xids only while it is not, so no event is counted twice
     */
    GpuSampler(DriverConnection driver, HostView host, CollectionSettings settings, Clock clock, XidCounter xids,
               BooleanSupplier xidEventsAvailable) {
        this.driver = driver;
        this.host = host;
        this.settings = settings;
        this.clock = clock;
        this.xids = xids;
        this.xidEventsAvailable = xidEventsAvailable;
        this.kernelLog = new KernelLogXids(host.paths(), settings.kernelLog());
        this.nvmlLane = new NativeLane(NVML_THREAD, settings.callDeadline());
        this.cudaLane = new NativeLane(CUDA_THREAD, settings.callDeadline());
        this.session = driver.nvml().map(n -> new NvmlSession(n, nvmlLane, settings.interval(),
                settings.maxReinitBackoff()));
        this.cuda = new CudaStateReader(driver.cuda(), cudaLane);
        this.origins = new ProcessOriginReader(host.containers());
    }

    /** Runs one cycle and returns its snapshot; never throws for anything the driver does. */
    GpuSnapshot cycle() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        NvmlPart nvml = driver.nvml().map(n -> readNvml(n, session.orElseThrow(), now))
                .orElseGet(() -> new NvmlPart(DriverQueries.nvmlNotLoaded(), lastGood.renew(List.of(), now), false));
        GpuInventory raw = DriverQueries.inventory(now, driver, host.files(), nvml.state(), cuda.read(),
                nvml.readings().gpus());
        GpuWorkloads.Attributed attributed = GpuWorkloads.attribute(raw, origins, settings.topProcesses(),
                nvml.utilization());
        countKernelLogXids(attributed.inventory());
        boolean fresh = nvml.readings().freshness().stream().noneMatch(GpuFreshness::stale);
        CollectionStatus status = new CollectionStatus(clock.instant(), Duration.ofNanos(System.nanoTime() - started),
                nvml.up() && fresh, nvml.up(), nvmlLane.stuckCall(), ++cycles, callErrors.counts());
        return new GpuSnapshot(attributed.inventory(), attributed.attribution(), nvml.readings().freshness(),
                xids.counts(attributed.inventory()), status);
    }

    /** Stops the native threads; one stuck in the driver is left to end when it returns. */
    @Override
    public void close() {
        nvmlLane.close();
        cudaLane.close();
    }

    private NvmlPart readNvml(Nvml nvml, NvmlSession nvmlSession, Instant now) {
        Optional<NativeLane.ReturnedCall> returned = nvmlLane.renewIfStuckCallReturned();
        if (returned.isPresent()) {
            LOG.info("the stuck NVML call returned after {} s; collection resumes", secondsStuck(now));
            stuckSince = Optional.empty();
            nvmlSession.restartNow(now, returned.get());
            gpm.forgetAll();
            cuda.again();
        }
        if (nvmlLane.stuckCall().isPresent()) {
            return stale(now);
        }
        boolean wasUp = nvmlSession.up();
        if (!nvmlSession.ensureStarted(now)) {
            if (nvmlLane.stuckCall().isPresent()) {
                return stale(now);
            }
            return down(nvml, nvmlSession.status());
        }
        if (!wasUp) {
            cuda.again();
            gpm.forgetAll();
        }
        NvmlSystem system = DriverQueries.system(nvml, nvmlLane.caller());
        List<GpuReading> read = new ArrayList<>();
        for (int i = 0; i < system.deviceCount().orElse(0); i++) {
            read.add(DriverQueries.gpu(nvml, i, nvmlLane.caller(), gpm));
        }
        callErrors.add(system.errors());
        read.forEach(g -> callErrors.add(g.errors()));
        gpm.endCycle(nvml, nvmlLane.caller());
        LastGoodReadings.Renewed readings = system.deviceCount().isPresent()
                ? lastGood.renew(read, now) : lastGood.unread(system.errors());
        if (nvmlLane.stuckCall().isPresent()) {
            noteStuck(now);
            return new NvmlPart(DriverQueries.nvmlState(nvmlSession.status(), merged(system)), readings, false);
        }
        // Before judging: a restart the judgement orders would leave these calls without a session.
        List<GpuProcessUtilization> utilization = processUtilization.read(nvml, read, nvmlLane.caller());
        lastSystem = system;
        judge(nvmlSession, system, read, readings, now);
        return new NvmlPart(DriverQueries.nvmlState(nvmlSession.status(), system), readings, true, utilization);
    }

    /** Restarts the session when an answer says it no longer serves; a clean cycle resets the backoff. */
    private static void judge(NvmlSession nvmlSession, NvmlSystem system, List<GpuReading> read,
                              LastGoodReadings.Renewed readings, Instant now) {
        Optional<CallError> ending = Stream.concat(system.errors().stream(),
                        read.stream().flatMap(g -> g.errors().stream()))
                .filter(e -> SESSION_ENDING.contains(e.error()))
                .findFirst();
        if (ending.isPresent()) {
            nvmlSession.restart(now, ending.get().call() + " answered " + ending.get().error());
        } else if (system.deviceCount().isEmpty()) {
            nvmlSession.restart(now, "the GPUs could not be counted");
        } else if (readings.freshness().stream().noneMatch(GpuFreshness::stale)) {
            nvmlSession.healthy();
        }
    }

    /**
     * A cycle while NVML cannot start: every GPU is as last read, and says it was not asked. The
     * library's own version is asked for all the same, as it answers without a driver.
     */
    private NvmlPart down(Nvml nvml, String status) {
        CallError notAsked = new CallError("init", "NVML_ERROR_UNINITIALIZED",
                "not asked: nvmlInit_v2 failed with " + status);
        NvmlSystem library = DriverQueries.libraryVersion(nvml, nvmlLane.caller());
        NvmlSystem system = new NvmlSystem(Optional.empty(), library.nvmlVersion(), Optional.empty(), Optional.empty(),
                List.of());
        return new NvmlPart(DriverQueries.nvmlState(status, system), lastGood.unread(List.of(notAsked)), false);
    }

    /** A cycle while a call is stuck: no call is made, every GPU is as last read. */
    private NvmlPart stale(Instant now) {
        String stuck = nvmlLane.stuckCall().orElseThrow();
        noteStuck(now);
        CallError hung = new CallError(stuck, "HUNG", "no answer for " + secondsStuck(now)
                + " s; no NVML call is made until it returns");
        NvmlSystem system = new NvmlSystem(lastSystem.driverVersion(), lastSystem.nvmlVersion(),
                lastSystem.cudaDriverVersion(), lastSystem.deviceCount(), List.of(hung));
        String status = session.map(NvmlSession::status).orElse(DriverQueries.NVML_SUCCESS);
        return new NvmlPart(DriverQueries.nvmlState(status, system), lastGood.unread(List.of(hung)), false);
    }

    /** This cycle's system answers, the earlier ones standing in for those the stuck call kept from coming. */
    private NvmlSystem merged(NvmlSystem system) {
        return new NvmlSystem(system.driverVersion().or(lastSystem::driverVersion),
                system.nvmlVersion().or(lastSystem::nvmlVersion),
                system.cudaDriverVersion().or(lastSystem::cudaDriverVersion),
                system.deviceCount().or(lastSystem::deviceCount), system.errors());
    }

    private void noteStuck(Instant now) {
        if (stuckSince.isEmpty()) {
            stuckSince = Optional.of(now);
            LOG.warn("NVML call {} gave no answer within {} ms and was abandoned; no NVML call is made until it"
                    + " returns", nvmlLane.stuckCall().orElse("?"), settings.callDeadline().toMillis());
        }
    }

    private long secondsStuck(Instant now) {
        return stuckSince.map(s -> Duration.between(s, now).toSeconds()).orElse(0L);
    }

    private void countKernelLogXids(GpuInventory inventory) {
        if (xidEventsAvailable.getAsBoolean()) {
            kernelLog.forget();
            return;
        }
        for (XidRecord record : kernelLog.newRecords()) {
            xids.record(indexAt(inventory, record.pci()), record.xid());
        }
    }

    private static int indexAt(GpuInventory inventory, String pci) {
        Optional<String> key = PciAddress.key(pci);
        return inventory.gpus().stream()
                .filter(g -> key.isPresent() && g.pciBusId().flatMap(PciAddress::key).equals(key))
                .mapToInt(GpuReading::index)
                .findFirst()
                .orElse(XidCounter.UNKNOWN_GPU);
    }

    /** @param utilization the per-process samples of this cycle; none where NVML was not read */
    private record NvmlPart(GpuInventory.NvmlState state, LastGoodReadings.Renewed readings, boolean up,
                            List<GpuProcessUtilization> utilization) {

        NvmlPart(GpuInventory.NvmlState state, LastGoodReadings.Renewed readings, boolean up) {
            this(state, readings, up, List.of());
        }
    }
}
