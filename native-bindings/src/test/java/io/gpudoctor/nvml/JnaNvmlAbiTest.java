package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Reads every field of both GPUs of the fake driver (compiled against NVIDIA's nvml.h) and checks
 * the exact value, so a wrong struct layout, field width, versioned symbol or unit shows up.
 */
class JnaNvmlAbiTest extends InitialisedFakeNvmlTest {

    @Test
    void system_versions_are_read_from_their_buffers() {
        assertThat(nvml.driverVersion()).isEqualTo("535.161.07");
        assertThat(nvml.nvmlVersion()).isEqualTo("12.535.161.07");
        assertThat(nvml.cudaDriverVersion()).isEqualTo(12020);
    }

    @Test
    void device_count_is_two() {
        assertThat(nvml.deviceCount()).isEqualTo(2);
    }

    @Test
    void names_uuids_and_serials_are_read_per_gpu() {
        assertThat(nvml.name(0)).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(nvml.name(1)).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(nvml.uuid(0)).isEqualTo("GPU-5c1d2b3a-8e4f-4a6b-9c7d-0e1f2a3b4c5d");
        assertThat(nvml.uuid(1)).isEqualTo("GPU-a1b2c3d4-0f1e-4d2c-8b3a-97f8e6d5c4b3");
        assertThat(nvml.serial(0)).contains("1654923001357");
        assertThat(nvml.serial(1)).contains("0324617098451");
    }

    @Test
    void a_gpu_is_found_by_uuid_and_by_pci_bus_id() {
        assertThat(nvml.indexOfUuid("GPU-a1b2c3d4-0f1e-4d2c-8b3a-97f8e6d5c4b3")).isEqualTo(1);
        assertThat(nvml.indexOfPciBusId("00000000:17:00.0")).isZero();
        assertThat(nvml.indexOfPciBusId("00000001:B3:02.0")).isEqualTo(1);
    }

    @Test
    void brand_architecture_and_minor_number_are_decoded() {
        assertThat(nvml.brand(0)).contains(GpuBrand.NVIDIA);
        assertThat(nvml.brand(1)).contains(GpuBrand.GEFORCE);
        assertThat(nvml.architecture(0)).contains(GpuArchitecture.HOPPER);
        assertThat(nvml.architecture(1)).contains(GpuArchitecture.ADA);
        assertThat(nvml.minorNumber(0)).hasValue(3);
        assertThat(nvml.minorNumber(1)).hasValue(7);
    }

    @Test
    void pci_info_v3_fields_are_read_in_nvml_h_order() {
        assertThat(nvml.pciInfo(0)).isEqualTo(new PciInfo("00000000:17:00.0", 0, 0x17, 0, 0x233010DEL, 0x16C110DEL));
        assertThat(nvml.pciInfo(1)).isEqualTo(new PciInfo("00000001:B3:02.0", 1, 0xB3, 2, 0x268410DEL, 0x16F310DEL));
        assertThat(nvml.pciInfo(1).vendorDeviceId()).isEqualTo("10de:2684");
    }

    @Test
    void compute_capability_is_read_per_gpu() {
        assertThat(nvml.computeCapability(0)).contains(new ComputeCapability(9, 0));
        assertThat(nvml.computeCapability(1)).contains(new ComputeCapability(8, 9));
    }

    @Test
    void memory_info_comes_from_v2_with_the_reserved_amount() {
        assertThat(nvml.memoryInfo(0)).isEqualTo(
                new MemoryInfo(85899345923L, 72987435981L, 12345678901L, OptionalLong.of(566231041L)));
        assertThat(nvml.memoryInfo(1)).isEqualTo(
                new MemoryInfo(25757220867L, 21128806401L, 4294967297L, OptionalLong.of(333447169L)));
        assertThat(fake.calls("nvmlDeviceGetMemoryInfo")).isZero();
    }

    @Test
    void utilization_rates_are_read_per_gpu() {
        assertThat(nvml.utilization(0)).contains(new Utilization(93, 41));
        assertThat(nvml.utilization(1)).contains(new Utilization(7, 3));
    }

    @Test
    void temperature_power_limit_and_energy_are_read_in_nvml_units() {
        assertThat(nvml.temperatureCelsius(0)).hasValue(61);
        assertThat(nvml.temperatureCelsius(1)).hasValue(47);
        assertThat(nvml.powerUsageMilliwatts(0)).hasValue(287543);
        assertThat(nvml.powerUsageMilliwatts(1)).hasValue(112358);
        assertThat(nvml.powerLimitMilliwatts(0)).hasValue(698765);
        assertThat(nvml.powerLimitMilliwatts(1)).hasValue(449321);
        assertThat(nvml.totalEnergyMillijoules(0)).hasValue(987654321012L);
        assertThat(nvml.totalEnergyMillijoules(1)).hasValue(123456789013L);
    }

    @Test
    void each_clock_type_reads_its_own_clock() {
        assertThat(List.of(ClockType.values()).stream().map(c -> nvml.clockMhz(0, c)))
                .containsExactly(OptionalInt.of(1755), OptionalInt.of(1740), OptionalInt.of(2619), OptionalInt.of(1575));
        assertThat(List.of(ClockType.values()).stream().map(c -> nvml.clockMhz(1, c)))
                .containsExactly(OptionalInt.of(2520), OptionalInt.of(2505), OptionalInt.of(10501), OptionalInt.of(1965));
    }

    @Test
    void fan_speed_is_empty_where_the_gpu_has_no_fan() {
        assertThat(nvml.fanSpeedPercent(0)).isEmpty();
        assertThat(nvml.fanSpeedPercent(1)).hasValue(37);
    }

    @Test
    void pcie_throughput_is_read_per_direction() {
        assertThat(nvml.pcieThroughputKilobytesPerSecond(0, PcieDirection.TX)).hasValue(123457);
        assertThat(nvml.pcieThroughputKilobytesPerSecond(0, PcieDirection.RX)).hasValue(234571);
        assertThat(nvml.pcieThroughputKilobytesPerSecond(1, PcieDirection.TX)).hasValue(3461);
        assertThat(nvml.pcieThroughputKilobytesPerSecond(1, PcieDirection.RX)).hasValue(8923);
    }

    @Test
    void ecc_counters_are_read_per_error_and_counter_type_and_empty_without_ecc() {
        assertThat(nvml.eccErrors(0, EccErrorType.CORRECTED, EccCounterType.VOLATILE)).hasValue(3);
        assertThat(nvml.eccErrors(0, EccErrorType.CORRECTED, EccCounterType.AGGREGATE)).hasValue(117);
        assertThat(nvml.eccErrors(0, EccErrorType.UNCORRECTED, EccCounterType.VOLATILE)).hasValue(1);
        assertThat(nvml.eccErrors(0, EccErrorType.UNCORRECTED, EccCounterType.AGGREGATE)).hasValue(5);
        assertThat(nvml.eccErrors(1, EccErrorType.UNCORRECTED, EccCounterType.AGGREGATE)).isEmpty();
    }

    @Test
    void remapped_rows_keep_pending_and_failed_apart() {
        assertThat(nvml.remappedRows(0)).contains(new RemappedRows(2, 1, true, false));
        assertThat(nvml.remappedRows(1)).contains(new RemappedRows(5, 0, false, true));
    }

    @Test
    void clock_event_reasons_come_from_the_event_reasons_call() {
        assertThat(nvml.clockEventReasons(0)).hasValue(0x44L);
        assertThat(nvml.clockEventReasons(1)).hasValue(0x11L);
        assertThat(fake.calls("nvmlDeviceGetCurrentClocksThrottleReasons")).isZero();
    }

    @Test
    void persistence_and_compute_modes_are_decoded() {
        assertThat(nvml.persistenceMode(0)).contains(true);
        assertThat(nvml.persistenceMode(1)).contains(false);
        assertThat(nvml.computeMode(0)).contains(ComputeMode.EXCLUSIVE_PROCESS);
        assertThat(nvml.computeMode(1)).contains(ComputeMode.DEFAULT);
    }

    @Test
    void mig_mode_keeps_current_and_pending_apart_and_is_empty_where_unsupported() {
        assertThat(nvml.migMode(0)).contains(new MigMode(true, false));
        assertThat(nvml.migMode(1)).isEmpty();
    }

    @Test
    void compute_processes_come_from_v3_with_mig_instances_and_unavailable_memory_as_empty() {
        assertThat(nvml.computeProcesses(0)).containsExactly(
                new GpuProcess(4242, OptionalLong.of(21474836483L), OptionalInt.of(3), OptionalInt.of(1),
                        ProcessKind.COMPUTE),
                new GpuProcess(31337, OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
                        ProcessKind.COMPUTE));
        assertThat(nvml.computeProcesses(1)).containsExactly(
                new GpuProcess(777, OptionalLong.of(536870917L), OptionalInt.empty(), OptionalInt.empty(),
                        ProcessKind.COMPUTE));
        assertThat(fake.calls("nvmlDeviceGetComputeRunningProcesses_v2")
                + fake.calls("nvmlDeviceGetComputeRunningProcesses")).isZero();
    }

    @Test
    void graphics_processes_come_from_v3_and_an_idle_gpu_has_none() {
        assertThat(nvml.graphicsProcesses(0)).isEmpty();
        assertThat(nvml.graphicsProcesses(1)).containsExactly(
                new GpuProcess(1999, OptionalLong.of(268435459L), OptionalInt.empty(), OptionalInt.empty(),
                        ProcessKind.GRAPHICS));
        assertThat(fake.calls("nvmlDeviceGetGraphicsRunningProcesses_v3")).isEqualTo(3);
    }

    @Test
    void device_handles_are_looked_up_once_per_init() {
        nvml.name(0);
        nvml.uuid(0);
        nvml.temperatureCelsius(0);
        assertThat(fake.calls("nvmlDeviceGetHandleByIndex_v2")).isEqualTo(1);

        nvml.shutdown();
        nvml.init();
        nvml.name(0);
        assertThat(fake.calls("nvmlDeviceGetHandleByIndex_v2")).isEqualTo(2);
    }

    @Test
    void field_values_are_decoded_by_their_value_type() {
        List<FieldValue> values = nvml.fieldValues(0, List.of(
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_MEMORY_TEMP),
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_PCIE_REPLAY_COUNTER),
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_NVLINK_LINK_COUNT),
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL),
                new FieldRequest(NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX, 0),
                new FieldRequest(NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX, 17)));

        assertThat(values).extracting(v -> v.value().orElseThrow())
                .containsExactly(67.0, 19.0, 18.0, 41.0, 17179869187.0, 7001.0);
    }

    @Test
    void a_field_the_gpu_lacks_answers_not_supported_in_its_own_status() {
        List<FieldValue> values = nvml.fieldValues(1, List.of(
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_MEMORY_TEMP),
                FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_RETIRED_PENDING)));

        assertThat(values.get(0).status()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED);
        assertThat(values.get(0).value()).isEmpty();
        assertThat(values.get(1).value()).hasValue(1.0);
    }

    @Test
    void pcie_link_generation_and_width_are_read_current_and_max() {
        assertThat(nvml.pcieLink(0, PcieLinkQuery.CURRENT_GENERATION)).hasValue(4);
        assertThat(nvml.pcieLink(0, PcieLinkQuery.MAX_GENERATION)).hasValue(5);
        assertThat(nvml.pcieLink(0, PcieLinkQuery.CURRENT_WIDTH)).hasValue(8);
        assertThat(nvml.pcieLink(0, PcieLinkQuery.MAX_WIDTH)).hasValue(16);
    }

    @Test
    void encoder_and_decoder_utilization_are_read_in_percent() {
        assertThat(nvml.codecUtilizationPercent(0, Codec.ENCODER)).hasValue(13);
        assertThat(nvml.codecUtilizationPercent(0, Codec.DECODER)).hasValue(29);
    }

    @Test
    void violation_time_is_read_from_the_second_field_of_its_struct() {
        assertThat(nvml.violationNanoseconds(0, PerfPolicy.THERMAL)).hasValue(9876543211L);
        assertThat(nvml.violationNanoseconds(0, PerfPolicy.TOTAL_BASE_CLOCKS)).hasValue(4000000000123L);
        assertThat(nvml.violationNanoseconds(1, PerfPolicy.LOW_UTILIZATION)).hasValue(86400000000007L);
    }

    @Test
    void nvlink_state_is_read_per_link_and_absent_without_nvlink() {
        assertThat(nvml.nvlinkActive(0, 4)).contains(true);
        assertThat(nvml.nvlinkActive(0, 5)).contains(false);
        assertThat(nvml.nvlinkActive(1, 0)).isEmpty();
    }

    @Test
    void process_utilization_samples_are_read_in_nvml_h_order_after_a_size_query() {
        assertThat(nvml.processUtilization(1, 0)).containsExactly(
                new ProcessUtilizationSample(777, 1700000000000100L, 63, 30, 12, 9),
                new ProcessUtilizationSample(1999, 1700000000000200L, 4, 1, 0, 0));
        assertThat(fake.calls("nvmlDeviceGetProcessUtilization")).isEqualTo(2);
    }

    @Test
    void process_utilization_keeps_only_samples_newer_than_the_last_seen_one() {
        assertThat(nvml.processUtilization(1, 1700000000000100L)).extracting(ProcessUtilizationSample::pid)
                .containsExactly(1999L);
    }

    @Test
    void process_utilization_without_newer_samples_is_empty() {
        assertThat(nvml.processUtilization(1, 1700000000000200L)).isEmpty();
    }

    @Test
    void process_utilization_of_a_gpu_in_mig_mode_is_empty() {
        assertThat(nvml.processUtilization(0, 0)).isEmpty();
    }
}
