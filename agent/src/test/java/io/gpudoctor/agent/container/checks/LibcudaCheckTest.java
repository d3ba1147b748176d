package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.DriverLibraryFile;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.Libc;
import io.gpudoctor.agent.container.facts.MappedLibcuda;
import io.gpudoctor.agent.container.facts.MountFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibcudaCheckTest {

    private final LibcudaCheck check = new LibcudaCheck();

    @Test
    void a_healthy_gpu_container_yields_nothing() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void a_loaded_stub_is_an_error_citing_the_maps_file() {
        Fixtures.Container c = container();
        c.mapped = Fact.known(List.of(new MappedLibcuda("/usr/local/cuda/lib64/stubs/libcuda.so", MappedLibcuda.Kind.STUB)));

        assertThat(check.evaluate(c.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_STUB_LIBCUDA);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("/proc/4242/maps"));
            assertThat(f.fix()).contains("LD_LIBRARY_PATH");
        });
    }

    @Test
    void a_stubs_folder_on_ld_library_path_is_a_warning_until_a_real_libcuda_is_seen_loaded() {
        Fixtures.Container notLoaded = container().env("LD_LIBRARY_PATH",
                "/usr/local/cuda/lib64/stubs/:/usr/local/nvidia/lib64");
        notLoaded.mapped = Fact.known(List.of());
        Fixtures.Container loaded = container().env("LD_LIBRARY_PATH", "/usr/local/cuda/lib64/stubs");

        assertThat(check.evaluate(loaded.build(), host())).isEmpty();
        assertThat(check.evaluate(notLoaded.build(), host()))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_STUB_LIBCUDA);
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                    assertThat(f.title()).contains("/usr/local/cuda/lib64/stubs");
                });
    }

    @Test
    void no_libcuda_mounted_loaded_or_cached_is_missing_and_points_at_the_runtime() {
        Fixtures.Container c = container();
        c.mounts = Fact.known(new MountFacts(List.of(), Optional.empty()));
        c.mapped = Fact.known(List.of());
        c.cache = Fact.known(List.of());

        assertThat(check.evaluate(c.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_LIBCUDA_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.fix()).contains("--gpus all", "NVIDIA_DRIVER_CAPABILITIES=compute,utility");
        });
    }

    @Test
    void a_mounted_libcuda_missing_from_ld_so_cache_points_at_ldconfig() {
        Fixtures.Container c = container();
        c.mapped = Fact.known(List.of());
        c.cache = Fact.known(List.of());

        assertThat(check.evaluate(c.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_LIBCUDA_MISSING);
            assertThat(f.fix()).contains("ldconfig = \"@/sbin/ldconfig\"", "config.toml");
        });
    }

    @Test
    void an_unreadable_ld_so_cache_yields_no_missing_libcuda() {
        Fixtures.Container c = container();
        c.mapped = Fact.known(List.of());
        c.cache = Fact.unknown("/etc/ld.so.cache: too large");

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }

    @Test
    void image_shipped_driver_libraries_of_another_version_are_bundled() {
        Fixtures.Container c = container();
        c.bundled = Fact.known(List.of(
                new DriverLibraryFile("/usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05", "libcuda", "535.104.05"),
                new DriverLibraryFile("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.104.05", "libnvidia-ml",
                        "535.104.05")));

        List<Finding> findings = check.evaluate(c.build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_BUNDLED_DRIVER_LIBS);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence()).hasSize(2);
            assertThat(f.fix()).contains("RUN rm -f /usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05");
        });
    }

    @Test
    void image_shipped_libraries_matching_the_host_driver_are_fine() {
        Fixtures.Container c = container();
        c.bundled = Fact.known(List.of(new DriverLibraryFile(Fixtures.LIBCUDA, "libcuda", Fixtures.DRIVER)));

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }

    @Test
    void a_musl_gpu_container_is_an_error_but_a_musl_cpu_container_is_not() {
        Fixtures.Container gpu = container();
        gpu.libc = Fact.known(new Libc(Libc.Kind.MUSL, "/lib/ld-musl-x86_64.so.1"));
        Fixtures.Container cpu = container().cpuOnlyUnderRunc();
        cpu.libc = gpu.libc;

        assertThat(check.evaluate(gpu.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_MUSL_LIBC);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.fix()).contains("FROM nvidia/cuda:");
        });
        assertThat(check.evaluate(cpu.build(), host())).isEmpty();
    }
}
