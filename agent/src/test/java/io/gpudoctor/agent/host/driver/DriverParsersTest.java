package io.gpudoctor.agent.host.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.gpus.ModuleGpu;
import io.gpudoctor.agent.gpus.PciAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriverParsersTest {

    @Test
    void theProprietaryModuleVersionLineGivesItsVersion() {
        assertThat(DriverVersionFile.parse("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.161.07  Sat Feb 17"
                + " 22:55:48 UTC 2024\nGCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04)\n"))
                .contains("535.161.07");
    }

    @Test
    void theOpenModuleVersionLineGivesItsVersionNotTheArchitecture() {
        assertThat(DriverVersionFile.parse("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.158.01"
                + "  Release Build  (dvs-builder@U16-I3-B03-4-3)  Tue Jun 10 21:08:40 UTC 2025\n"))
                .contains("570.158.01");
    }

    @Test
    void theSysModuleVersionFileIsJustTheVersion() {
        assertThat(DriverVersionFile.parse("550.54.14\n")).contains("550.54.14");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "NVRM version: NVIDIA UNIX x86_64 Kernel Module", "\u0000\u0001\ufffd", "x86_64"})
    void aVersionFileWithoutAVersionGivesNone(String text) {
        assertThat(DriverVersionFile.parse(text)).isEmpty();
    }

    @Test
    void procModulesGivesTheModuleNames() {
        assertThat(ProcModules.parse("nvidia_uvm 1527808 0 - Live 0x0000000000000000 (POE)\n"
                + "nvidia 56455168 2 nvidia_uvm, Live 0x0000000000000000 (POE)\n"))
                .containsExactlyInAnyOrder("nvidia_uvm", "nvidia");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nvidia", "nvidia 5645", "\u0000\u0000 12 3", "nvidia size refcount"})
    void emptyTruncatedOrMalformedProcModulesLinesAreSkipped(String text) {
        assertThat(ProcModules.parse(text)).isEmpty();
    }

    @Test
    void procDevicesGivesCharacterMajorsOnly() {
        assertThat(ProcDevices.parse("Character devices:\n  1 mem\n195 nvidia-frontend\n508 nvidia-uvm\n\n"
                + "Block devices:\n259 blkext\n  8 sd\n"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("mem", 1, "nvidia-frontend", 195, "nvidia-uvm", 508));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Character devices:\n195", "Character devices:\nnvidia 195\n", "195 nvidia\n",
            "Character devices:\n99999999999 nvidia\n"})
    void emptyTruncatedOrMalformedProcDevicesGiveNoMajor(String text) {
        assertThat(ProcDevices.parse(text)).isEmpty();
    }

    @Test
    void anInformationFileGivesModelUuidBusAndMinor() {
        ModuleGpu gpu = ModuleGpu.parse("Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 42\n"
                + "GPU UUID: \t GPU-3b7c8a2e-0000\nVideo BIOS: \t 96.00.99.00.01\nBus Type: \t PCIe\n"
                + "Bus Location: \t 0000:18:00.0\nDevice Minor: \t 3\nGPU Excluded:\t No\n");

        assertThat(gpu).isEqualTo(new ModuleGpu(Optional.of("NVIDIA H100 80GB HBM3"), Optional.of("GPU-3b7c8a2e-0000"),
                Optional.of("0000:18:00.0"), Optional.of(3), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Model", "Device Minor: many\n", "\u0000:\u0000"})
    void aTruncatedOrMalformedInformationFileLeavesFieldsEmpty(String text) {
        assertThat(ModuleGpu.parse(text).deviceMinor()).isEmpty();
    }

    @Test
    void sysfsIdsAreHex() {
        assertThat(PciDevices.parseId("0x10de\n")).isEqualTo(OptionalInt.of(0x10de));
        assertThat(PciDevices.parseId("0x030200")).isEqualTo(OptionalInt.of(0x030200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "0xzzzz", "0x1234567890", "\u0000"})
    void aMalformedSysfsIdIsNone(String text) {
        assertThat(PciDevices.parseId(text)).isEmpty();
    }

    @Test
    void displayAnd3dControllersAreGpusAndOtherBridgesAreNvswitches() {
        assertThat(new PciDevice("a", 0, 0x030000).isGpu()).isTrue();
        assertThat(new PciDevice("a", 0, 0x030200).isGpu()).isTrue();
        assertThat(new PciDevice("a", 0, 0x068000).isNvSwitch()).isTrue();
        assertThat(new PciDevice("a", 0, 0x040300).isGpu()).isFalse();
    }

    @Test
    void pciAddressesOfEverySourceCompareEqual() {
        assertThat(Stream.of("00000000:A1:00.0", "0000:a1:00.0", "0000:a1:00", "a1:00.0").map(PciAddress::key))
                .containsOnly(Optional.of("0000:a1:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0000:a1", "zz:zz:zz", "0000:a1:00.9"})
    void aMalformedPciAddressHasNoKey(String text) {
        assertThat(PciAddress.key(text)).isEmpty();
    }

    @Test
    void deviceNumbersAreDecodedAsGlibcDoes() {
        long rdev = (195L << 8) | 255;
        assertThat(DeviceNodesProbe.major(rdev)).isEqualTo(195);
        assertThat(DeviceNodesProbe.minor(rdev)).isEqualTo(255);
        long large = ((508L & 0xfff) << 8) | ((0x1234L & ~0xffL) << 12) | (0x1234L & 0xff);
        assertThat(DeviceNodesProbe.major(large)).isEqualTo(508);
        assertThat(DeviceNodesProbe.minor(large)).isEqualTo(0x1234);
    }
}
