package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.FindingCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContainerChecksTest {

    @Test
    void all_holds_one_of_each_check() {
        assertThat(ContainerChecks.all()).hasExactlyElementsOfTypes(ReadAccessCheck.class, InjectionCheck.class, VisibleDevicesCheck.class,
                DriverCapabilitiesCheck.class, LibcudaCheck.class, ForwardCompatCheck.class, WorkloadCudaCheck.class,
                SharedMemoryCheck.class, LockedMemoryCheck.class, GpuSharingCheck.class);
    }

    @Test
    void a_healthy_gpu_container_yields_nothing_from_any_check() {
        ContainerFacts healthy = container().build();

        assertThat(ContainerChecks.all()).allSatisfy(check -> assertThat(check.evaluate(healthy, host())).isEmpty());
    }

    @Test
    void a_cpu_container_under_runc_yields_nothing_from_any_check() {
        ContainerFacts cpu = container().cpuOnlyUnderRunc().build();

        assertThat(ContainerChecks.all()).allSatisfy(check -> assertThat(check.evaluate(cpu, host())).isEmpty());
    }

    @Test
    void every_container_code_of_the_catalogue_is_raised_by_some_check() throws Exception {
        Set<String> sources = new TreeSet<>();
        Path folder = Path.of("src/main/java/io/gpudoctor/agent/container/checks");
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> sources.add(readQuietly(f)));
        }
        String all = String.join("\n", sources);

        assertThat(Arrays.stream(FindingCode.values())
                .filter(c -> c.name().startsWith("CONTAINER_") || c == FindingCode.GPU_SHARED_BY_CONTAINERS)
                .filter(c -> !all.contains("FindingCode." + c.name())))
                .isEmpty();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_gpu_request_under_plain_runc_is_reported_once_as_not_injected() {
        ContainerFacts runc = container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all").build();

        assertThat(ContainerChecks.all().stream().flatMap(c -> c.evaluate(runc, host()).stream()))
                .extracting(f -> f.code()).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
    }
}
