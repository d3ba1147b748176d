package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.hostWithProcesses;
import static io.gpudoctor.agent.container.checks.Fixtures.other;
import static io.gpudoctor.agent.container.checks.Fixtures.self;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.checks.Fixtures.GpuProcess;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuSharingCheckTest {

    private final GpuSharingCheck check = new GpuSharingCheck();

    @Test
    void another_container_on_the_same_gpu_is_a_warning_naming_it_and_its_pids() {
        var host = hostWithProcesses(List.of(GpuProcess.of(0, 4242, Optional.of(self())),
                GpuProcess.of(0, 5150, Optional.of(other('b', "notebook")))));

        assertThat(check.evaluate(container().build(), host)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.GPU_SHARED_BY_CONTAINERS);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.title()).startsWith("GPU 0").contains("1 other container");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed())
                    .contains("notebook").contains("bbbbbbbbbbbb").contains("pid 5150"));
            assertThat(f.fix()).contains("docker run --gpus '\"device=1\"'").contains("MIG")
                    .doesNotContain("nvidia.com/gpu");
        });
    }

    @Test
    void containers_on_different_gpus_or_host_processes_on_the_same_gpu_do_not_share_with_it() {
        var host = hostWithProcesses(List.of(GpuProcess.of(0, 4242, Optional.of(self())),
                GpuProcess.of(1, 5150, Optional.of(other('b', "notebook"))), GpuProcess.of(0, 1873, Optional.empty())));

        assertThat(check.evaluate(container().build(), host)).isEmpty();
    }

    @Test
    void processes_on_different_mig_instances_do_not_share() {
        var host = hostWithProcesses(List.of(
                new GpuProcess(0, 4242, "python3", Optional.of(1), Optional.of(self())),
                new GpuProcess(0, 5150, "python3", Optional.of(2), Optional.of(other('b', "notebook")))));

        assertThat(check.evaluate(container().build(), host)).isEmpty();
    }

    @Test
    void sharing_through_an_mps_server_is_only_information() {
        var host = hostWithProcesses(List.of(GpuProcess.of(0, 4242, Optional.of(self())),
                GpuProcess.of(0, 5150, Optional.of(other('b', "notebook"))),
                new GpuProcess(0, 900, "nvidia-cuda-mps-server", Optional.empty(), Optional.empty())));

        assertThat(check.evaluate(container().build(), host)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.fix()).contains("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT");
        });
    }

    @Test
    void a_container_without_processes_on_any_gpu_shares_none() {
        var host = hostWithProcesses(List.of(GpuProcess.of(0, 5150, Optional.of(other('b', "notebook"))),
                GpuProcess.of(0, 5151, Optional.of(other('c', "server")))));

        assertThat(check.evaluate(container().build(), host)).isEmpty();
    }
}
