package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.ProcessUtilizationSample;
import io.gpudoctor.nvml.ClockType;
import io.gpudoctor.nvml.ComputeCapability;
import io.gpudoctor.nvml.EccCounterType;
import io.gpudoctor.nvml.EccErrorType;
import io.gpudoctor.nvml.GpuArchitecture;
import io.gpudoctor.nvml.GpuBrand;
import io.gpudoctor.nvml.MemoryInfo;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.PcieDirection;
import io.gpudoctor.nvml.ProcessKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedNvmlTest {

    private SimulatedNvml nvml;

    @AfterEach
    void closeNvml() {
        if (nvml != null) {
            nvml.releaseHangs();
            nvml.close();
        }
    }

    private SimulatedNvml started(Scenario scenario) {
        nvml = new SimulatedNvml(scenario);
        nvml.init();
        return nvml;
    }

    private SimulatedNvml h100s(int count) {
        return started(Scenario.builder("test").gpus(GpuModel.H100_SXM5_80GB, count).build());
    }

    @Test
    void an_h100_reports_the_values_of_its_preset() {
        SimulatedNvml n = h100s(1);

        assertThat(n.name(0)).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(n.brand(0)).contains(GpuBrand.NVIDIA);
        assertThat(n.architecture(0)).contains(GpuArchitecture.HOPPER);
        assertThat(n.computeCapability(0)).contains(new ComputeCapability(9, 0));
        assertThat(n.pciInfo(0).pciDeviceId()).isEqualTo(0x233010DEL);
        assertThat(n.pciInfo(0).vendorDeviceId()).isEqualTo("10de:2330");
        assertThat(n.memoryInfo(0).totalBytes()).isEqualTo(85_520_809_984L);
        assertThat(n.powerLimitMilliwatts(0)).hasValue(700_000);
        assertThat(n.uuid(0)).startsWith("GPU-");
    }

    @Test
    void the_system_calls_report_the_scenario_versions() {
        SimulatedNvml n = started(Scenario.builder("t").driver("535.183.01", 12020).gpus(GpuModel.A100_SXM4_80GB, 4).build());

        assertThat(n.driverVersion()).isEqualTo("535.183.01");
        assertThat(n.nvmlVersion()).isEqualTo("12.535.183.01");
        assertThat(n.cudaDriverVersion()).isEqualTo(12020);
        assertThat(n.deviceCount()).isEqualTo(4);
    }

    @Test
    void a_datacenter_sxm_gpu_has_no_fan() {
        assertThat(h100s(1).fanSpeedPercent(0)).isEmpty();
    }

    @Test
    void a_geforce_card_has_a_fan_but_no_ecc_serial_or_mig() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.RTX_4090, 1).build());

        assertThat(n.fanSpeedPercent(0)).isPresent();
        assertThat(n.eccErrors(0, EccErrorType.UNCORRECTED, EccCounterType.VOLATILE)).isEmpty();
        assertThat(n.serial(0)).isEmpty();
        assertThat(n.migMode(0)).isEmpty();
        assertThat(n.brand(0)).contains(GpuBrand.GEFORCE_RTX);
    }

    @Test
    void a_t4_has_no_mig_mode_and_no_row_remapping() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.T4, 1).build());

        assertThat(n.migMode(0)).isEmpty();
        assertThat(n.remappedRows(0)).isEmpty();
    }

    @Test
    void an_a100_reports_mig_disabled_and_zero_ecc_errors_by_default() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 1).build());

        assertThat(n.migMode(0)).contains(new MigMode(false, false));
        assertThat(n.eccErrors(0, EccErrorType.UNCORRECTED, EccCounterType.AGGREGATE)).hasValue(0);
    }

    @Test
    void a_kepler_gpu_has_no_energy_counter_nor_pcie_throughput() {
        SimulatedNvml n = started(Scenario.builder("t").driver("470.256.02", 11040).gpus(GpuModel.K80, 1).build());

        assertThat(n.totalEnergyMillijoules(0)).isEmpty();
        assertThat(n.pcieThroughputKilobytesPerSecond(0, PcieDirection.RX)).isEmpty();
        assertThat(n.computeCapability(0)).contains(new ComputeCapability(3, 7));
    }

    @Test
    void memory_used_free_and_reserved_add_up_to_the_total() {
        SimulatedNvml n = started(Scenario.builder("t")
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.process(SimulatedProcess.compute(4242, 10L << 30)))
                .build());

        MemoryInfo m = n.memoryInfo(0);

        assertThat(m.usedBytes()).isEqualTo(10L << 30);
        assertThat(m.usedBytes() + m.freeBytes() + m.reservedBytes().orElseThrow()).isEqualTo(m.totalBytes());
    }

    @Test
    void a_driver_before_r510_reports_no_reserved_memory() {
        SimulatedNvml n = started(Scenario.builder("t").driver("470.256.02", 11040).gpus(GpuModel.T4, 1).build());

        MemoryInfo m = n.memoryInfo(0);

        assertThat(m.reservedBytes()).isEmpty();
        assertThat(m.usedBytes() + m.freeBytes()).isEqualTo(m.totalBytes());
    }

    @Test
    void processes_are_listed_by_kind() {
        SimulatedNvml n = started(Scenario.builder("t")
                .gpu(GpuModel.RTX_4090, g -> g
                        .process(SimulatedProcess.compute(3100, 8L << 30))
                        .process(new SimulatedProcess(1422, 300L << 20, ProcessKind.GRAPHICS, Optional.of("Xorg"))))
                .build());

        assertThat(n.computeProcesses(0)).singleElement().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(3100);
            assertThat(p.usedMemoryBytes()).hasValue(8L << 30);
            assertThat(p.kind()).isEqualTo(ProcessKind.COMPUTE);
        });
        assertThat(n.graphicsProcesses(0)).extracting(p -> p.pid()).containsExactly(1422L);
    }

    @Test
    void a_gpu_is_found_by_its_uuid_and_by_its_bus_id_in_either_domain_form() {
        SimulatedNvml n = h100s(8);
        String busId = n.pciInfo(5).busId();

        assertThat(n.indexOfUuid(n.uuid(3))).isEqualTo(3);
        assertThat(n.indexOfPciBusId(busId)).isEqualTo(5);
        assertThat(n.indexOfPciBusId(busId.substring(4).toLowerCase())).isEqualTo(5);
    }

    @Test
    void an_unknown_uuid_is_not_found() {
        assertThatThrownBy(() -> h100s(1).indexOfUuid("GPU-00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_FOUND));
    }

    @Test
    void a_gpu_index_past_the_last_gpu_is_an_invalid_argument() {
        assertThatThrownBy(() -> h100s(2).name(2))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
    }

    @Test
    void an_injected_error_strikes_only_its_gpu() {
        SimulatedNvml n = h100s(4);
        n.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 3, NvmlReturn.ERROR_GPU_IS_LOST));

        assertThatThrownBy(() -> n.memoryInfo(3))
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST);
                    assertThat(e.call()).isEqualTo("nvmlDeviceGetMemoryInfo_v2");
                });
        assertThatThrownBy(() -> n.temperatureCelsius(3)).isInstanceOf(NvmlException.class);
        assertThat(n.memoryInfo(2).totalBytes()).isPositive();
        assertThat(n.deviceCount()).isEqualTo(4);
    }

    @Test
    void an_error_injected_on_one_call_leaves_the_other_calls_of_that_gpu_alone() {
        SimulatedNvml n = h100s(1);
        n.inject(SimulatedFault.error("powerUsageMilliwatts", 0, NvmlReturn.ERROR_UNKNOWN));

        assertThatThrownBy(() -> n.powerUsageMilliwatts(0)).isInstanceOf(NvmlException.class);
        assertThat(n.temperatureCelsius(0)).isPresent();
    }

    @Test
    void an_injected_not_supported_on_a_metric_is_an_empty_answer() {
        SimulatedNvml n = h100s(1);
        n.inject(SimulatedFault.error("temperatureCelsius", 0, NvmlReturn.ERROR_NOT_SUPPORTED));

        assertThat(n.temperatureCelsius(0)).isEmpty();
    }

    @Test
    void an_injected_not_supported_on_a_call_that_must_answer_is_thrown() {
        SimulatedNvml n = h100s(1);
        n.inject(SimulatedFault.error("memoryInfo", 0, NvmlReturn.ERROR_NOT_SUPPORTED));

        assertThatThrownBy(() -> n.memoryInfo(0))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
    }

    @Test
    void clearing_the_faults_brings_a_lost_gpu_back() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 4)
                .fault(SimulatedFault.error(SimulatedFault.ANY_CALL, 2, NvmlReturn.ERROR_GPU_IS_LOST)).build());
        assertThatThrownBy(() -> n.uuid(2)).isInstanceOf(NvmlException.class);

        n.clearFaults();

        assertThat(n.uuid(2)).startsWith("GPU-");
    }

    @Test
    void an_injected_delay_makes_the_call_take_at_least_that_long() {
        SimulatedNvml n = h100s(1);
        n.inject(SimulatedFault.delay("utilization", 0, Duration.ofMillis(200)));

        long start = System.nanoTime();
        n.utilization(0);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(200);
    }

    @Test
    void a_hung_call_stays_blocked_through_interrupts_until_hangs_are_released() throws InterruptedException {
        SimulatedNvml n = h100s(2);
        n.inject(SimulatedFault.hang("memoryInfo", 1));
        Thread caller = new Thread(() -> n.memoryInfo(1), "stuck-nvml-call");

        caller.start();
        caller.join(200);
        caller.interrupt();
        caller.join(200);
        assertThat(caller.isAlive()).isTrue();

        n.releaseHangs();
        caller.join(5_000);
        assertThat(caller.isAlive()).isFalse();
    }

    @Test
    void a_hang_on_one_gpu_does_not_block_calls_about_another() {
        SimulatedNvml n = h100s(2);
        n.inject(SimulatedFault.hang(SimulatedFault.ANY_CALL, 1));

        assertThat(n.memoryInfo(0).totalBytes()).isPositive();
    }

    @Test
    void calls_before_init_fail_as_uninitialized() {
        nvml = new SimulatedNvml(Scenario.builder("t").gpus(GpuModel.L4, 1).build());

        assertThatThrownBy(() -> nvml.deviceCount())
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED));
        assertThatThrownBy(() -> nvml.temperatureCelsius(0))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED));
    }

    @Test
    void a_scenario_init_error_is_thrown_by_init_and_leaves_nvml_uninitialized() {
        nvml = new SimulatedNvml(Scenario.builder("t").nvmlInitError(NvmlReturn.ERROR_DRIVER_NOT_LOADED).build());

        assertThatThrownBy(() -> nvml.init())
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_DRIVER_NOT_LOADED);
                    assertThat(e.call()).isEqualTo("nvmlInit_v2");
                });
        assertThatThrownBy(() -> nvml.driverVersion())
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED));
    }

    @Test
    void references_count_the_inits_no_shutdown_balanced() {
        SimulatedNvml n = h100s(1);
        n.init();
        n.shutdown();

        assertThat(n.references()).isEqualTo(1);
    }

    @Test
    void init_and_shutdown_are_reference_counted() {
        SimulatedNvml n = h100s(1);
        n.init();

        n.shutdown();
        assertThat(n.deviceCount()).isEqualTo(1);
        n.shutdown();

        assertThatThrownBy(n::deviceCount).isInstanceOf(NvmlException.class);
    }

    @Test
    void the_same_scenario_gives_the_same_answers() {
        Scenario first = Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 8).build();
        Scenario second = Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 8).build();
        SimulatedNvml a = new SimulatedNvml(first);
        SimulatedNvml b = new SimulatedNvml(second);
        a.init();
        b.init();

        for (int i = 0; i < 8; i++) {
            assertThat(a.uuid(i)).isEqualTo(b.uuid(i));
            assertThat(a.pciInfo(i)).isEqualTo(b.pciInfo(i));
            assertThat(a.serial(i)).isEqualTo(b.serial(i));
            assertThat(a.memoryInfo(i)).isEqualTo(b.memoryInfo(i));
            assertThat(a.clockMhz(i, ClockType.SM)).isEqualTo(b.clockMhz(i, ClockType.SM));
            assertThat(a.totalEnergyMillijoules(i)).isEqualTo(b.totalEnergyMillijoules(i));
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void process_utilization_shares_the_gpus_utilization_among_compute_processes_by_memory() {
        SimulatedNvml n = started(Scenario.builder("test")
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.utilization(80, 40)
                        .process(SimulatedProcess.compute(4242, 30L << 30))
                        .process(SimulatedProcess.compute(4243, 10L << 30)))
                .build());

        assertThat(n.processUtilization(0, 0)).containsExactly(
                new ProcessUtilizationSample(4242, 1, 60, 30, 0, 0),
                new ProcessUtilizationSample(4243, 1, 20, 10, 0, 0));
    }

    @Test
    void process_utilization_always_has_a_sample_newer_than_the_last_seen_one() {
        SimulatedNvml n = started(Scenario.builder("test")
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.utilization(50, 20).process(SimulatedProcess.compute(4242, 1L << 30)))
                .build());

        assertThat(n.processUtilization(0, 1_700_000_000_000_000L))
                .extracting(ProcessUtilizationSample::timestampMicros).containsExactly(1_700_000_000_000_001L);
    }

    @Test
    void process_utilization_of_a_gpu_in_mig_mode_is_empty() {
        SimulatedNvml n = started(Scenario.builder("test")
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.utilization(50, 20).migMode(new MigMode(true, true))
                        .process(SimulatedProcess.compute(4242, 1L << 30)))
                .build());

        assertThat(n.processUtilization(0, 0)).isEmpty();
    }
}
