package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import org.junit.jupiter.api.Test;

class ReadAccessCheckTest {

    private final ReadAccessCheck check = new ReadAccessCheck();

    @Test
    void a_container_whose_environment_and_root_are_closed_says_it_could_not_look_and_names_what() {
        Fixtures.Container closed = container();
        closed.nodes = Fact.denied("/proc/4242/root");
        closed.mapped = Fact.denied("/proc/4242/maps");

        assertThat(check.evaluate(closed.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_NOT_READABLE);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.evidence()).extracting(e -> e.source() + " " + e.observed())
                    .containsExactly("/proc/4242/maps permission denied", "/proc/4242/root permission denied");
            assertThat(f.fix()).contains("sudo gpu-doctor diagnose --container trainer");
        });
    }

    @Test
    void a_readable_container_gets_no_such_finding() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void a_fact_unknown_for_another_reason_than_permission_is_not_a_denial() {
        Fixtures.Container noBundle = container();
        noBundle.bundle = Fact.unknown("no OCI bundle known for this container");

        assertThat(check.evaluate(noBundle.build(), host())).isEmpty();
    }
}
