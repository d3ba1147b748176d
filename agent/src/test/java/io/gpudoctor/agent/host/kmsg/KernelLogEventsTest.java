package io.gpudoctor.agent.host.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelLogEventsTest {

    @Test
    void anXidRecordOfDevKmsgGivesTheGpuTheXidAndTheMessage() {
        KernelLogEvents events = KernelLogEvents.parse(
                "3,1234,5678901,-;NVRM: Xid (PCI:0000:a1:00): 79, pid=2212, name=python3, GPU has fallen off the bus.\n"
                        + " SUBSYSTEM=pci\n DEVICE=+pci:0000:a1:00.0\n");

        assertThat(events.xids()).containsExactly(
                new XidRecord("0000:a1:00", 79, "pid=2212, name=python3, GPU has fallen off the bus."));
    }

    @Test
    void aDmesgLineWithItsTimestampIsReadLikeAKmsgRecord() {
        KernelLogEvents events = KernelLogEvents.parse(
                "[ 4242.123456] NVRM: Xid (PCI:0000:3b:00): 13, pid=77, name=train, Graphics SM Warp Exception\n");

        assertThat(events.xids()).singleElement().satisfies(x -> {
            assertThat(x.pci()).isEqualTo("0000:3b:00");
            assertThat(x.xid()).isEqualTo(13);
        });
    }

    @Test
    void aJournalLineOfTheKernelIsReadToo() {
        KernelLogEvents events = KernelLogEvents.parse(
                "Nov 23 10:00:00 gpu-node-7 kernel: NVRM: Xid (PCI:0000:18:00): 48, pid=1, name=x, DBE (0x1)\n");

        assertThat(events.xids()).extracting(XidRecord::xid).containsExactly(48);
    }

    @Test
    void aFallenOffTheBusReportOverSeveralLinesWithoutXidNamesTheGpu() {
        KernelLogEvents events = KernelLogEvents.parse("""
                [  100.0] NVRM: The NVIDIA GPU 0000:82:00.0
                [  100.0] NVRM: (PCI ID: 10de:1db4) installed in this system has
                [  100.0] NVRM: fallen off the bus and is not responding to commands.
                """);

        assertThat(events.fellOffBus()).singleElement().satisfies(e -> {
            assertThat(e.pci()).contains("0000:82:00.0");
            assertThat(e.message()).startsWith("NVRM: The NVIDIA GPU 0000:82:00.0").endsWith("to commands.");
        });
        assertThat(events.xids()).isEmpty();
    }

    @Test
    void anRmInitAdapterFailureIsKeptWithItsGpu() {
        KernelLogEvents events = KernelLogEvents.parse(
                "[    9.1] NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x26:0x56:1474)\n"
                        + "[    9.1] NVRM: GPU 0000:01:00.0: rm_init_adapter failed, device minor number 0\n");

        assertThat(events.rmInitFailures()).hasSize(2)
                .allSatisfy(e -> assertThat(e.pci()).contains("0000:01:00.0"));
    }

    @Test
    void anApiMismatchSplitOverTwoLinesGivesBothVersions() {
        KernelLogEvents events = KernelLogEvents.parse("""
                4,900,1000,-;NVRM: API mismatch: the client has the version 535.183.01, but
                4,901,1000,-;NVRM: this kernel module has the version 535.161.07.  Please
                4,902,1000,-;NVRM: make sure that this kernel module and all NVIDIA driver
                """);

        assertThat(events.apiMismatches()).singleElement().satisfies(m -> {
            assertThat(m.clientVersion()).isEqualTo("535.183.01");
            assertThat(m.kernelModuleVersion()).isEqualTo("535.161.07");
        });
    }

    @Test
    void anEmptyLogHasNoEvents() {
        assertThat(KernelLogEvents.parse("")).isEqualTo(KernelLogEvents.NONE);
    }

    @Test
    void aTruncatedXidLineIsNotMistakenForOne() {
        KernelLogEvents events = KernelLogEvents.parse("6,1,1,-;NVRM: Xid (PCI:0000:a1");

        assertThat(events.xids()).isEmpty();
    }

    @Test
    void aTruncatedApiMismatchWithoutTheKernelVersionIsDropped() {
        assertThat(KernelLogEvents.parse("NVRM: API mismatch: the client has the version 535.183.01, but")
                .apiMismatches()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0000\u0001\u00ff\ufffd binary \u0007",
            "NVRM: Xid (PCI:0000:a1:00): 99999999999, overflow",
            "NVRM: Xid (PCI:zz:zz:zz): 79, bad address",
            ";;;,,,\n[[[[\n]]]] kernel:",
            "1,2,3,4;"})
    void malformedInputGivesNoEventAndNoException(String log) {
        assertThat(KernelLogEvents.parse(log)).isEqualTo(KernelLogEvents.NONE);
    }

    @Test
    void aFallenOffTheBusLineWithNoGpuNamedHasNoAddress() {
        assertThat(KernelLogEvents.parse("NVRM: GPU has fallen off the bus.").fellOffBus())
                .containsExactly(new GpuLogEvent(Optional.empty(), "NVRM: GPU has fallen off the bus."));
    }
}
