package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.simulate.SimulatedFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XidCountsTest {

    private static final Duration WAIT = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private final XidCounter counter = new XidCounter();

    private XidEventWatcher watcher(SimulatedNode node) {
        return new XidEventWatcher(node.nvml, counter, WAIT, SimulatedNode.DEADLINE, Duration.ofSeconds(1));
    }

    @Test
    void theBrokenNodesXid79FromNvmlEventsIsCountedOnItsGpu() {
        SimulatedNode node = SimulatedNode.of("broken-node");
        XidEventWatcher events = watcher(node);
        GpuSampler sampler = node.sampler(SimulatedNode.settings(), counter, events::available);

        events.step();
        events.step();
        GpuSnapshot snapshot = sampler.cycle();

        // The lost GPU keeps the UUID the kernel module registered for it.
        assertThat(snapshot.xids()).contains(new XidCount(2, "GPU-0a28bdf3-ba1d-3d43-b531-a28decc00f31", 79, 1));
        assertThat(snapshot.xids()).anySatisfy(x -> {
            assertThat(x.gpu()).isEqualTo(1);
            assertThat(x.xid()).isEqualTo(48);
            assertThat(x.count()).isEqualTo(1);
            assertThat(x.uuid()).isEqualTo(snapshot.inventory().gpus().get(1).uuid().orElseThrow());
        });
        sampler.close();
    }

    @Test
    void kernelLogXidsAreCountedWhileNvmlEventsAreUnavailable() throws IOException {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        Path log = Files.writeString(dir.resolve("kern.log"), "[    1.000000] Linux version 6.8.0\n");
        GpuSampler sampler = node.sampler(SimulatedNode.settings().withKernelLog(log), counter);
        String pci = sampler.cycle().inventory().gpus().get(5).pciBusId().orElseThrow();

        append(log, "[  812.123456] NVRM: Xid (PCI:" + pci + "): 13, pid=4242, name=python3, Graphics Exception\n"
                + "[  812.223456] NVRM: Xid (PCI:" + pci + "): 13, pid=4242, name=python3, Graphics Exception\n");
        sampler.cycle();
        GpuSnapshot later = sampler.cycle();

        assertThat(later.xids()).extracting(XidCount::gpu, XidCount::xid, XidCount::count)
                .containsExactly(tuple(5, 13, 2L));
        sampler.close();
    }

    @Test
    void xidsTheKernelLogHeldBeforeTheDaemonStartedAreNotCounted() throws IOException {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        Path log = Files.writeString(dir.resolve("kern.log"),
                "[  12.000000] NVRM: Xid (PCI:0000:18:00): 31, pid=77, name=python3, MMU Fault\n");
        GpuSampler sampler = node.sampler(SimulatedNode.settings().withKernelLog(log), counter);

        sampler.cycle();
        GpuSnapshot later = sampler.cycle();

        assertThat(later.xids()).isEmpty();
        sampler.close();
    }

    @Test
    void anEventNvmlReportedIsNotCountedAgainFromTheKernelLog() throws IOException {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        Path log = Files.writeString(dir.resolve("kern.log"), "");
        XidEventWatcher events = watcher(node);
        GpuSampler sampler = node.sampler(SimulatedNode.settings().withKernelLog(log), counter, events::available);
        events.step();
        String pci = sampler.cycle().inventory().gpus().get(0).pciBusId().orElseThrow();

        node.nvml.injectXid(new XidEvent(0, 79));
        append(log, "[  900.000000] NVRM: Xid (PCI:" + pci + "): 79, pid='<unknown>', GPU has fallen off the bus.\n");
        events.step();
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.xids()).extracting(XidCount::gpu, XidCount::xid, XidCount::count)
                .containsExactly(tuple(0, 79, 1L));
        sampler.close();
    }

    @Test
    void anXidAtAnAddressNoGpuHasIsCountedForAnUnknownGpu() throws IOException {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        Path log = Files.writeString(dir.resolve("kern.log"), "");
        GpuSampler sampler = node.sampler(SimulatedNode.settings().withKernelLog(log), counter);
        sampler.cycle();

        append(log, "[  900.000000] NVRM: Xid (PCI:0000:ee:00): 79, pid='<unknown>', GPU has fallen off the bus.\n");
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.xids()).containsExactly(new XidCount(XidCounter.UNKNOWN_GPU, "", 79, 1));
        sampler.close();
    }

    @Test
    void nvmlEventsThatCannotBeRegisteredAreUnavailable() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        node.nvml.inject(SimulatedFault.errorEverywhere("xidEvents", NvmlReturn.ERROR_NOT_SUPPORTED));
        XidEventWatcher events = watcher(node);

        events.step();

        assertThat(events.available()).isFalse();
    }

    @Test
    void registeredNvmlEventsAreAvailable() {
        XidEventWatcher events = watcher(SimulatedNode.of("dgx-h100"));

        events.step();

        assertThat(events.available()).isTrue();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
