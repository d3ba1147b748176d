package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading a process list that grows between NVML's size answer and the real call. */
class JnaNvmlProcessesTest extends InitialisedFakeNvmlTest {

    @Test
    void the_count_is_asked_first_and_the_list_read_with_an_array_of_that_size() {
        assertThat(nvml.computeProcesses(0)).hasSize(2);
        assertThat(fake.calls("nvmlDeviceGetComputeRunningProcesses_v3")).isEqualTo(2);
    }

    @Test
    void a_process_that_starts_in_between_is_read_by_asking_again() {
        fake.churnProcesses(0, 1);

        assertThat(nvml.computeProcesses(0))
                .extracting(GpuProcess::pid)
                .containsExactly(4242L, 31337L, 50003L);
    }

    @Test
    void a_list_that_never_stops_growing_gives_up_with_insufficient_size() {
        fake.churnProcesses(0, 1000);

        assertThatThrownBy(() -> nvml.computeProcesses(0))
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INSUFFICIENT_SIZE);
                    assertThat(e.call()).isEqualTo("nvmlDeviceGetComputeRunningProcesses_v3");
                });
        assertThat(fake.calls("nvmlDeviceGetComputeRunningProcesses_v3")).isEqualTo(RunningProcesses.MAX_ATTEMPTS);
    }
}
