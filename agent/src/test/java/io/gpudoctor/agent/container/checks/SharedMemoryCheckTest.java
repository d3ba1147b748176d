package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.DriverLibraryFile;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.MountFacts;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedMemoryCheckTest {

    private final SharedMemoryCheck check = new SharedMemoryCheck();

    private static Fixtures.Container withShm(Optional<String> size) {
        Fixtures.Container container = container();
        container.mounts = Fact.known(new MountFacts(
                List.of(new DriverLibraryFile(Fixtures.LIBCUDA, "libcuda", Fixtures.DRIVER)), size));
        return container;
    }

    @Test
    void dockers_default_of_64_mib_is_a_warning_whose_fix_is_shm_size_or_ipc_host() {
        assertThat(check.evaluate(withShm(Optional.of("65536k")).build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_SHM_TOO_SMALL);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).contains("64 MiB");
            assertThat(f.evidence()).anySatisfy(e -> {
                assertThat(e.source()).isEqualTo("/proc/4242/mountinfo");
                assertThat(e.observed()).contains("size=65536k");
            });
            assertThat(f.fix()).contains("--shm-size=").contains("--ipc=host");
        });
    }

    @Test
    void in_a_kubernetes_pod_the_fix_is_a_memory_backed_empty_dir() {
        assertThat(check.evaluate(withShm(Optional.of("64m")).inPod().build(), host())).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("emptyDir").contains("medium: Memory")
                        .contains("mountPath: /dev/shm"));
    }

    @Test
    void a_size_of_a_gibibyte_or_more_is_enough() {
        assertThat(check.evaluate(withShm(Optional.of("1g")).build(), host())).isEmpty();
        assertThat(check.evaluate(withShm(Optional.of("16777216k")).build(), host())).isEmpty();
    }

    @Test
    void the_hosts_shm_shared_by_ipc_host_states_no_size_and_is_not_judged() {
        assertThat(check.evaluate(withShm(Optional.empty()).build(), host())).isEmpty();
        assertThat(check.evaluate(withShm(Optional.of("50%")).build(), host())).isEmpty();
    }

    @Test
    void a_cpu_container_with_a_small_shm_is_not_judged() {
        Fixtures.Container cpu = container().cpuOnlyUnderRunc();
        cpu.mounts = Fact.known(new MountFacts(List.of(), Optional.of("65536k")));

        assertThat(check.evaluate(cpu.build(), host())).isEmpty();
    }
}
