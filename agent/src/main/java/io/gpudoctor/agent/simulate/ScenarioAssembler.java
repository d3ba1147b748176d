package io.gpudoctor.agent.simulate;

import io.gpudoctor.agent.simulate.ScalarValues.ByteSize;
import io.gpudoctor.agent.simulate.ScenarioDocument.EccEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.FaultEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.GpuEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.MigDeviceEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.NvLinkEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.PcieLinkEntry;
import io.gpudoctor.agent.simulate.ScenarioDocument.ProcessEntry;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.ProcessKind;
import io.gpudoctor.nvml.RemappedRows;
import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.simulate.EccCounts;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.GpuModel.Clocks;
import io.gpudoctor.simulate.NvLink;
import io.gpudoctor.simulate.NvLinkErrors;
import io.gpudoctor.simulate.PcieLink;
import io.gpudoctor.simulate.PcieThroughput;
import io.gpudoctor.simulate.RetiredPages;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedGpu;
import io.gpudoctor.simulate.SimulatedMigDevice;
import io.gpudoctor.simulate.SimulatedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a read {@link ScenarioDocument} into a {@link Scenario}: expands {@code count}, numbers the
 * GPUs in file order, converts people's units (watts, joules) to NVML's, and leaves every value
 * the file does not give to the model's defaults.
 */
final class ScenarioAssembler {

    private ScenarioAssembler() {
    }

    /**
     * @param defaultName the name when the file gives none (the folder's or the named scenario's)
     * @throws IllegalArgumentException naming the key, when the values contradict each other or a model
     */
    static Scenario assemble(ScenarioDocument doc, String defaultName) {
        List<SimulatedGpu> gpus = new ArrayList<>();
        for (int entry = 0; entry < doc.gpus().size(); entry++) {
            GpuEntry e = doc.gpus().get(entry);
            for (int copy = 0; copy < e.copies(); copy++) {
                try {
                    gpus.add(gpu(e, gpus.size()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("gpus[" + entry + "]: " + ex.getMessage(), ex);
                }
            }
        }
        List<XidEvent> xids = doc.xids().stream().map(x -> new XidEvent(x.gpu(), x.xid())).toList();
        CuResult cuInit = doc.cuInitResult().orElse(gpus.isEmpty() ? CuResult.NO_DEVICE : CuResult.SUCCESS);
        return new Scenario(doc.name().orElse(defaultName), doc.driverVersion(), doc.cudaDriverVersion().value(),
                doc.nvmlInitError(), cuInit, gpus, doc.faults().stream().map(FaultEntry::toFault).toList(), xids);
    }

    private static SimulatedGpu gpu(GpuEntry e, int index) {
        SimulatedGpu.Builder b = SimulatedGpu.builder(e.model(), index);
        e.uuid().ifPresent(b::uuid);
        e.pciBusId().ifPresent(b::pciBusId);
        e.serial().ifPresent(b::serial);
        e.minorNumber().ifPresent(b::minorNumber);
        e.memoryUsed().map(ByteSize::bytes).ifPresent(b::memoryUsedBytes);
        e.utilization().ifPresent(u -> b.utilization(u.gpu().orElse(0), u.memory().orElse(0)));
        e.temperatureCelsius().ifPresent(b::temperatureCelsius);
        e.powerUsageWatts().ifPresent(w -> b.powerUsageMilliwatts(milli(w)));
        e.powerLimitWatts().ifPresent(w -> b.powerLimitMilliwatts(milli(w)));
        e.totalEnergyJoules().ifPresent(j -> b.totalEnergyMillijoules(Math.round(j * 1000)));
        e.clocksMhz().ifPresent(c -> {
            Clocks max = e.model().maxClocks();
            b.clocks(new Clocks(c.graphics().orElse(max.graphicsMhz()), c.sm().orElse(max.smMhz()),
                    c.memory().orElse(max.memoryMhz()), c.video().orElse(max.videoMhz())));
        });
        e.fanSpeedPercent().ifPresent(b::fanSpeedPercent);
        e.pcieKilobytesPerSecond().ifPresent(p -> b.pcieThroughput(new PcieThroughput(p.tx().orElse(0), p.rx().orElse(0))));
        e.persistenceMode().ifPresent(b::persistenceMode);
        e.computeMode().ifPresent(b::computeMode);
        e.migMode().ifPresent(m -> b.migMode(new MigMode(m.current(), m.pending().orElse(m.current()))));
        e.eccEnabled().ifPresent(b::eccEnabled);
        e.ecc().map(ScenarioAssembler::ecc).ifPresent(b::ecc);
        e.remappedRows().ifPresent(r -> b.remappedRows(new RemappedRows(r.correctable().orElse(0),
                r.uncorrectable().orElse(0), r.pending().orElse(false), r.failed().orElse(false))));
        e.clockEventReasons().ifPresent(b::clockEventReasons);
        e.pcieLink().ifPresent(p -> b.pcieLink(pcieLink(p, e)));
        e.nvlink().ifPresent(n -> nvlink(n, e.model(), b));
        e.memoryTemperatureCelsius().ifPresent(b::memoryTemperatureCelsius);
        e.codecUtilization().ifPresent(c -> b.codecUtilization(c.encoder().orElse(0), c.decoder().orElse(0)));
        e.retiredPages().ifPresent(r -> b.retiredPages(new RetiredPages(r.singleBit().orElse(0),
                r.doubleBit().orElse(0), r.pending().orElse(false))));
        e.violationSeconds().ifPresent(v -> v.forEach((policy, seconds) ->
                b.violationNanoseconds(policy, Math.round(seconds * 1e9))));
        e.processes().stream().map(ScenarioAssembler::process).forEach(b::process);
        e.migDevices().forEach(d -> b.migDevice(migDevice(d, e.processes())));
        e.gpm().ifPresent(g -> g.forEach(b::gpmMetric));
        return b.build();
    }

    private static PcieLink pcieLink(PcieLinkEntry p, GpuEntry e) {
        int maxGeneration = p.maxGeneration().orElse(e.model().pcieMaxGeneration());
        int maxWidth = p.maxWidth().orElse(e.model().pcieMaxWidth());
        boolean busy = e.utilization().flatMap(u -> u.gpu()).orElse(0) > 0;
        PcieLink healthy = PcieLink.healthy(maxGeneration, maxWidth, busy);
        return new PcieLink(p.generation().orElse(healthy.currentGeneration()), maxGeneration,
                p.width().orElse(maxWidth), maxWidth, p.replays().orElse(0L));
    }

    private static void nvlink(NvLinkEntry n, GpuModel model, SimulatedGpu.Builder b) {
        for (int link : n.down()) {
            if (link < 0 || link >= model.nvlinkCount()) {
                throw new IllegalArgumentException("nvlink.down: link " + link + ", but " + model.key() + " has "
                        + model.nvlinkCount() + " NVLinks (0 to " + (model.nvlinkCount() - 1) + ")");
            }
        }
        List<NvLink> links = new ArrayList<>();
        for (int link = 0; link < model.nvlinkCount(); link++) {
            links.add(n.down().contains(link) ? NvLink.DOWN
                    : new NvLink(true, n.txKibibytes().orElse(0L), n.rxKibibytes().orElse(0L)));
        }
        b.nvlinks(links);
        n.errors().ifPresent(x -> b.nvlinkErrors(new NvLinkErrors(x.crcFlit().orElse(0L), x.crcData().orElse(0L),
                x.replay().orElse(0L), x.recovery().orElse(0L))));
    }

    private static EccCounts ecc(EccEntry e) {
        long correctedVolatile = e.correctedVolatile().orElse(0L);
        long uncorrectedVolatile = e.uncorrectedVolatile().orElse(0L);
        return new EccCounts(correctedVolatile, uncorrectedVolatile,
                e.correctedAggregate().orElse(correctedVolatile), e.uncorrectedAggregate().orElse(uncorrectedVolatile));
    }

    private static SimulatedProcess process(ProcessEntry p) {
        return new SimulatedProcess(p.pid(), p.memoryUsed().map(ByteSize::bytes).orElse(0L),
                p.kind().orElse(ProcessKind.COMPUTE), p.name(),
                p.gpuInstance().map(OptionalInt::of).orElse(OptionalInt.empty()));
    }

    private static SimulatedMigDevice migDevice(MigDeviceEntry d, List<ProcessEntry> processes) {
        long byProcesses = processes.stream().filter(p -> p.gpuInstance().equals(Optional.of(d.gpuInstance())))
                .mapToLong(p -> p.memoryUsed().map(ByteSize::bytes).orElse(0L)).sum();
        return SimulatedMigDevice.of(d.gpuInstance(), d.computeInstance().orElse(0), d.profile(),
                d.memoryUsed().map(ByteSize::bytes).orElse(byProcesses), d.activity().orElse(0));
    }

    private static int milli(double units) {
        long milli = Math.round(units * 1000);
        if (milli < 0 || milli > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("implausible wattage " + units);
        }
        return (int) milli;
    }
}
