package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.LockedMemoryLimit;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockedMemoryCheckTest {

    private final LockedMemoryCheck check = new LockedMemoryCheck();

    private static Fixtures.Container limitedTo(Optional<Long> soft, Optional<Long> hard) {
        Fixtures.Container container = container();
        container.lockedMemory = Fact.known(new LockedMemoryLimit(soft, hard));
        return container;
    }

    @Test
    void the_8_mib_default_is_a_warning_whose_fix_is_ulimit_memlock_unlimited() {
        assertThat(check.evaluate(limitedTo(Optional.of(8L << 20), Optional.of(8L << 20)).build(), host()))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_MEMLOCK_LIMITED);
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                    assertThat(f.title()).contains("8 MiB");
                    assertThat(f.evidence()).anySatisfy(e -> {
                        assertThat(e.source()).isEqualTo("/proc/4242/limits");
                        assertThat(e.observed()).contains("soft 8 MiB, hard 8 MiB");
                    });
                    assertThat(f.fix()).contains("--ulimit memlock=-1:-1");
                });
    }

    @Test
    void in_a_kubernetes_pod_the_fix_raises_the_runtimes_limit() {
        assertThat(check.evaluate(limitedTo(Optional.of(65536L), Optional.empty()).inPod().build(), host()))
                .singleElement().satisfies(f -> assertThat(f.fix()).contains("LimitMEMLOCK=infinity"));
    }

    @Test
    void an_unlimited_or_large_limit_is_enough() {
        assertThat(check.evaluate(limitedTo(Optional.empty(), Optional.empty()).build(), host())).isEmpty();
        assertThat(check.evaluate(limitedTo(Optional.of(64L << 30), Optional.empty()).build(), host())).isEmpty();
    }

    @Test
    void an_unknown_limit_or_a_cpu_container_is_not_judged() {
        Fixtures.Container unknown = container();
        unknown.lockedMemory = Fact.unknown("/proc/4242/limits: no such file");
        Fixtures.Container cpu = container().cpuOnlyUnderRunc();
        cpu.lockedMemory = Fact.known(new LockedMemoryLimit(Optional.of(65536L), Optional.of(65536L)));

        assertThat(check.evaluate(unknown.build(), host())).isEmpty();
        assertThat(check.evaluate(cpu.build(), host())).isEmpty();
    }
}
