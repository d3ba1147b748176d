package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The fallbacks for drivers without the newest symbols, on fakes that do not export them at all:
 * calling a missing symbol would fail with UnsatisfiedLinkError, not with a wrong value.
 */
class JnaNvmlOldDriverTest {

    @Test
    void an_r470_driver_lists_processes_through_v2_with_mig_instance_ids() {
        FakeNvml fake = FakeNvml.r470().reset();
        try (JnaNvml nvml = fake.load()) {
            nvml.init();

            assertThat(nvml.computeProcesses(0)).first().isEqualTo(new GpuProcess(4242,
                    OptionalLong.of(21474836483L), OptionalInt.of(3), OptionalInt.of(1), ProcessKind.COMPUTE));
            assertThat(nvml.graphicsProcesses(1)).extracting(GpuProcess::pid).containsExactly(1999L);
            assertThat(fake.calls("nvmlDeviceGetComputeRunningProcesses_v2")).isEqualTo(2);
        }
    }

    @Test
    void an_r470_driver_reads_memory_through_v1_without_the_reserved_amount() {
        try (JnaNvml nvml = FakeNvml.r470().reset().load()) {
            nvml.init();

            assertThat(nvml.memoryInfo(1)).isEqualTo(
                    new MemoryInfo(25757220867L, 21128806401L, 4294967297L + 333447169L, OptionalLong.empty()));
        }
    }

    @Test
    void an_r470_driver_reads_clock_event_reasons_through_the_throttle_reasons_call() {
        FakeNvml fake = FakeNvml.r470().reset();
        try (JnaNvml nvml = fake.load()) {
            nvml.init();

            assertThat(nvml.clockEventReasons(0)).hasValue(0x44L);
            assertThat(fake.calls("nvmlDeviceGetCurrentClocksThrottleReasons")).isEqualTo(1);
        }
    }

    @Test
    void a_driver_with_only_v1_process_calls_lists_processes_without_instance_ids() {
        FakeNvml fake = FakeNvml.v1ProcessesOnly().reset();
        try (JnaNvml nvml = fake.load()) {
            nvml.init();

            assertThat(nvml.computeProcesses(0)).containsExactly(
                    new GpuProcess(4242, OptionalLong.of(21474836483L), OptionalInt.empty(), OptionalInt.empty(),
                            ProcessKind.COMPUTE),
                    new GpuProcess(31337, OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
                            ProcessKind.COMPUTE));
            assertThat(nvml.graphicsProcesses(1)).containsExactly(
                    new GpuProcess(1999, OptionalLong.of(268435459L), OptionalInt.empty(), OptionalInt.empty(),
                            ProcessKind.GRAPHICS));
        }
    }
}
