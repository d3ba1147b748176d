package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.doctor.CheckRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerChecksTest {

    @Test
    void a_healthy_gpu_container_yields_nothing_from_any_check() {
        ContainerFacts healthy = container().build();

        assertThat(all()).allSatisfy(check -> assertThat(check.evaluate(healthy, host())).isEmpty());
    }

    @Test
    void a_cpu_container_under_runc_yields_nothing_from_any_check() {
        ContainerFacts cpu = container().cpuOnlyUnderRunc().build();

        assertThat(all()).allSatisfy(check -> assertThat(check.evaluate(cpu, host())).isEmpty());
    }

    @Test
    void a_gpu_request_under_plain_runc_is_reported_once_as_not_injected() {
        ContainerFacts runc = container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all").build();

        assertThat(all().stream().flatMap(c -> c.evaluate(runc, host()).stream()))
                .extracting(f -> f.code()).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
    }

    private static List<ContainerCheck> all() {
        return CheckRegistry.containerChecks().stream().map(CheckRegistry.ContainerCheckEntry::check).toList();
    }
}
