package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.TorchInstall;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.simulate.GpuModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadCudaCheckTest {

    private final WorkloadCudaCheck check = new WorkloadCudaCheck();

    @Test
    void a_healthy_gpu_container_yields_nothing() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void a_cpu_only_torch_in_a_gpu_container_names_a_wheel_the_host_driver_runs() {
        Fixtures.Container c = container();
        c.torch = Fact.known(List.of(new TorchInstall(Fixtures.TORCH_VERSION_PY, "2.4.0+cpu", Optional.empty())));
        c.requirements = List.of();

        assertThat(check.evaluate(c.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_CPU_ONLY_FRAMEWORK);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo(Fixtures.TORCH_VERSION_PY));
            assertThat(f.fix()).matches(".*pip install torch --index-url https://download.pytorch.org/whl/cu12[0-4].*");
        });
    }

    @Test
    void a_cpu_only_torch_in_a_cpu_container_is_fine() {
        Fixtures.Container c = container().cpuOnlyUnderRunc();
        c.torch = Fact.known(List.of(new TorchInstall(Fixtures.TORCH_VERSION_PY, "2.4.0+cpu", Optional.empty())));

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }

    @Test
    void a_require_cuda_above_the_driver_is_unsatisfied() {
        Fixtures.Container c = container().env("NVIDIA_REQUIRE_CUDA", "cuda>=12.8 brand=tesla,driver>=470");
        c.requirements = List.of();

        List<Finding> findings = check.evaluate(c.build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_REQUIRE_CUDA_UNSATISFIED);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).contains("12.8", "12.4");
            assertThat(f.fix()).contains("NVIDIA_DISABLE_REQUIRE=true", "Upgrade the host driver");
        });
    }

    @Test
    void a_disabled_requirement_is_not_reported() {
        Fixtures.Container c = container().env("NVIDIA_REQUIRE_CUDA", "cuda>=12.8")
                .env("NVIDIA_DISABLE_REQUIRE", "true");
        c.requirements = List.of();

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }

    @Test
    void a_torch_cuda_newer_than_the_driver_maps_the_compatibility_finding_with_its_file() {
        List<Finding> findings = withTorchCuda("12.8", host("535.104.05", 12020));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.code()).isEqualTo(FindingCode.CUDA_MINOR_VERSION_COMPAT);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.evidence().get(0).source()).isEqualTo(Fixtures.TORCH_VERSION_PY);
            assertThat(f.evidence().get(0).observed()).isEqualTo("CUDA 12.8");
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void a_toolkit_of_a_newer_major_on_an_h100_gets_the_forward_compat_verdict_citing_version_json() {
        Fixtures.Container c = container();
        c.requirements = List.of(new CudaRequirement("13.0", CudaRequirement.Source.CUDA_TOOLKIT,
                "/usr/local/cuda/version.json"));

        assertThat(check.evaluate(c.build(), host("535.104.05", 12020))).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CUDA_FORWARD_COMPAT);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence().get(0).source()).isEqualTo("/usr/local/cuda/version.json");
        });
    }

    @Test
    void a_cuda_version_the_table_does_not_know_yields_no_verdict() {
        Fixtures.Container c = container();
        c.requirements = List.of(new CudaRequirement("12.7", CudaRequirement.Source.CUDA_TOOLKIT,
                "/usr/local/cuda/version.json"));

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }

    @Test
    void a_torch_cuda_older_than_the_hosts_gpus_is_flagged_once_per_architecture() {
        List<Finding> findings = withTorchCuda("11.7", host("535.104.05", 12020));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).contains("CUDA 11.7 predates Hopper");
            assertThat(f.evidence().get(0).source()).isEqualTo(Fixtures.TORCH_VERSION_PY);
            assertThat(f.evidence().get(1).observed()).contains("NVIDIA H100 80GB HBM3").contains("9.0");
        });
    }

    @Test
    void a_cuda_that_dropped_the_hosts_gpus_is_an_error() {
        Fixtures.Container c = container();
        c.requirements = List.of(new CudaRequirement("13.0", CudaRequirement.Source.CUDA_TOOLKIT,
                "/usr/local/cuda/version.json"));

        List<Finding> findings = check.evaluate(c.build(), host("580.65.06", 13000, GpuModel.V100_SXM2_32GB));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void a_cuda_minor_newer_than_the_table_gets_its_majors_verdict() {
        assertThat(withTorchCuda("13.5", host("580.65.06", 13000))).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CUDA_MINOR_VERSION_COMPAT);
            assertThat(f.detail()).contains("This table predates CUDA 13.5");
        });
    }

    @Test
    void without_a_probed_driver_only_the_cpu_only_build_is_judged() {
        assertThat(check.evaluate(container().env("NVIDIA_REQUIRE_CUDA", "cuda>=13.0").build(),
                Fixtures.bareHost())).isEmpty();
    }

    @Test
    void without_nvml_a_torch_for_cuda_12_1_on_a_470_kernel_module_gets_the_compatibility_finding_citing_the_module() {
        Fixtures.Container c = container().withoutEnv("NVIDIA_REQUIRE_CUDA");
        c.requirements = List.of(new CudaRequirement("12.1", CudaRequirement.Source.TORCH, Fixtures.TORCH_VERSION_PY));

        List<Finding> findings = check.evaluate(c.build(), Fixtures.hostWithoutNvml("470.256.02"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isIn(FindingCode.CUDA_DRIVER_TOO_OLD, FindingCode.CUDA_FORWARD_COMPAT);
            assertThat(f.evidence()).contains(new Evidence("/proc/driver/nvidia/version", "driver 470.256.02"));
        });
    }

    @Test
    void without_nvml_a_require_cuda_12_1_on_a_470_kernel_module_is_unsatisfied_by_the_cuda_470_supports() {
        Fixtures.Container c = container().env("NVIDIA_REQUIRE_CUDA", "cuda>=12.1 brand=tesla,driver>=470");
        c.requirements = List.of();

        List<Finding> findings = check.evaluate(c.build(), Fixtures.hostWithoutNvml("470.256.02"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_REQUIRE_CUDA_UNSATISFIED);
            assertThat(f.title()).contains("CUDA 12.1", "driver 470.256.02", "supports CUDA 11.4");
            assertThat(f.evidence()).contains(new Evidence("/proc/driver/nvidia/version", "driver 470.256.02, CUDA 11.4"));
        });
    }

    /** The findings for the healthy container whose torch/version.py states this CUDA version. */
    private List<Finding> withTorchCuda(String version, HostFacts host) {
        Fixtures.Container c = container();
        c.requirements = List.of(new CudaRequirement(version, CudaRequirement.Source.TORCH, Fixtures.TORCH_VERSION_PY));
        return check.evaluate(c.build(), host);
    }
}
