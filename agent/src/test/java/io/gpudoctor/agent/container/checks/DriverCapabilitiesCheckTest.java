package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverCapabilitiesCheckTest {

    private final DriverCapabilitiesCheck check = new DriverCapabilitiesCheck();

    @Test
    void a_healthy_gpu_container_yields_nothing() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void utility_alone_lacks_compute_and_is_an_error() {
        List<Finding> findings = check.evaluate(container().env("NVIDIA_DRIVER_CAPABILITIES", "utility").build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_DRIVER_CAPABILITIES_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).contains("compute").doesNotContain("utility");
            assertThat(f.fix()).contains("NVIDIA_DRIVER_CAPABILITIES=compute,utility");
        });
    }

    @Test
    void compute_alone_only_loses_the_tools_and_is_a_warning() {
        assertThat(check.evaluate(container().env("NVIDIA_DRIVER_CAPABILITIES", "compute,video").build(), host()))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_DRIVER_CAPABILITIES_MISSING);
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                });
    }

    @Test
    void all_unset_and_empty_mean_enough() {
        assertThat(check.evaluate(container().env("NVIDIA_DRIVER_CAPABILITIES", "all").build(), host())).isEmpty();
        assertThat(check.evaluate(container().withoutEnv("NVIDIA_DRIVER_CAPABILITIES").build(), host())).isEmpty();
        assertThat(check.evaluate(container().env("NVIDIA_DRIVER_CAPABILITIES", "").build(), host())).isEmpty();
    }

    @Test
    void a_container_without_any_gpu_request_is_not_judged() {
        assertThat(check.evaluate(container().cpuOnlyUnderRunc().env("NVIDIA_DRIVER_CAPABILITIES", "video").build(),
                host())).isEmpty();
    }
}
