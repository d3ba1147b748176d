package io.gpudoctor.agent.container.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuUtilizationAttributionTest {

    private static final WorkloadContainer TRAINER = new WorkloadContainer("a".repeat(64), "containerd",
            Optional.of("trainer"), Optional.of("llm-train-0"), Optional.of("ml"));
    private static final WorkloadContainer NOTEBOOK = new WorkloadContainer("b".repeat(64), "docker",
            Optional.of("notebook"), Optional.empty(), Optional.empty());

    private static GpuProcessUtilization sample(int gpu, long pid, int smPercent) {
        return new GpuProcessUtilization(gpu, "GPU-" + gpu, pid, smPercent);
    }

    private static ProcessOrigin in(WorkloadContainer container) {
        return new ProcessOrigin(Optional.of("python"), Optional.of(container));
    }

    @Test
    void a_containers_processes_on_one_gpu_add_up_to_its_ratio() {
        List<ContainerUtilization> rows = GpuUtilizationAttribution.containers(
                List.of(sample(0, 10, 40), sample(0, 11, 25)), Map.of(10L, in(TRAINER), 11L, in(TRAINER)));

        assertThat(rows).containsExactly(new ContainerUtilization(0, "GPU-0", TRAINER, 0.65));
    }

    @Test
    void each_gpu_and_container_gets_its_own_row_in_gpu_then_id_order() {
        List<ContainerUtilization> rows = GpuUtilizationAttribution.containers(
                List.of(sample(1, 12, 30), sample(0, 11, 20), sample(0, 10, 50)),
                Map.of(10L, in(NOTEBOOK), 11L, in(TRAINER), 12L, in(TRAINER)));

        assertThat(rows).extracting(r -> r.gpu() + "/" + r.container().name().orElseThrow() + "/" + r.smRatio())
                .containsExactly("0/trainer/0.2", "0/notebook/0.5", "1/trainer/0.3");
    }

    @Test
    void host_processes_and_processes_of_unknown_origin_belong_to_no_container() {
        List<ContainerUtilization> rows = GpuUtilizationAttribution.containers(
                List.of(sample(0, 10, 50), sample(0, 11, 20)),
                Map.of(10L, new ProcessOrigin(Optional.of("Xorg"), Optional.empty())));

        assertThat(rows).isEmpty();
    }

    @Test
    void shares_that_add_up_past_the_whole_gpu_are_capped_at_one() {
        List<ContainerUtilization> rows = GpuUtilizationAttribution.containers(
                List.of(sample(0, 10, 70), sample(0, 11, 45)), Map.of(10L, in(TRAINER), 11L, in(TRAINER)));

        assertThat(rows).extracting(ContainerUtilization::smRatio).containsExactly(1.0);
    }
}
