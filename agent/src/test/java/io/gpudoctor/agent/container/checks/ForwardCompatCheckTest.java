package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.container.facts.DriverLibraryFile;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.ForwardCompatLibrary;
import io.gpudoctor.agent.container.facts.ForwardCompatNote;
import io.gpudoctor.agent.container.facts.MappedLibcuda;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.simulate.GpuModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardCompatCheckTest {

    private static final String COMPAT = "/usr/local/cuda-13.0/compat";
    private static final String LIBRARY = COMPAT + "/libcuda.so.580.65.06";

    private final ForwardCompatCheck check = new ForwardCompatCheck();

    private static HostFacts r570(GpuModel gpu) {
        return host("570.124.06", 12080, gpu);
    }

    /** A CUDA 13.0 image with cuda-compat-13-0 whose note lists {@code branches}, on LD_LIBRARY_PATH. */
    private static Fixtures.Container cuda13WithCompat(List<Integer> branches) {
        Fixtures.Container container = container().env("LD_LIBRARY_PATH", COMPAT + ":/usr/local/nvidia/lib64")
                .env("CUDA_VERSION", "13.0.0");
        container.compat = Fact.known(List.of(new ForwardCompatLibrary(
                new DriverLibraryFile(LIBRARY, "libcuda", "580.65.06"),
                Fact.known(new ForwardCompatNote("13.0", branches)))));
        container.requirements = List.of(new CudaRequirement("13.0", CudaRequirement.Source.ENV_CUDA_VERSION,
                "CUDA_VERSION"));
        return container;
    }

    @Test
    void on_a_data_center_gpu_with_the_branch_listed_it_is_information_naming_the_note() {
        assertThat(check.evaluate(cuda13WithCompat(List.of(535, 550, 570, 575)).build(), r570(GpuModel.H100_SXM5_80GB)))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CUDA_FORWARD_COMPAT);
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
                    assertThat(f.evidence()).anySatisfy(e -> {
                        assertThat(e.source()).isEqualTo(LIBRARY + " (image)");
                        assertThat(e.observed()).contains("\"CUDA version\":\"13.0\"").contains("570");
                    });
                    assertThat(f.fix()).contains("upgrading the host driver");
                });
    }

    @Test
    void on_a_geforce_card_it_is_error_804_whose_fix_takes_compat_off_the_library_path() {
        assertThat(check.evaluate(cuda13WithCompat(List.of(535, 550, 570, 575)).build(), r570(GpuModel.RTX_4090)))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED);
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.detail()).contains("804");
                    assertThat(f.fix()).contains("LD_LIBRARY_PATH").contains("cuda-compat-mode = \"disabled\"");
                });
    }

    @Test
    void a_driver_branch_the_note_does_not_list_is_error_803() {
        assertThat(check.evaluate(cuda13WithCompat(List.of(535, 550)).build(), r570(GpuModel.H100_SXM5_80GB)))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED);
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.title()).contains("R570");
                    assertThat(f.detail()).contains("803").contains("R535, R550");
                });
    }

    @Test
    void a_compat_library_the_workload_does_not_use_changes_nothing() {
        Fixtures.Container unused = cuda13WithCompat(List.of(535)).env("LD_LIBRARY_PATH", "/usr/local/nvidia/lib64");

        assertThat(check.evaluate(unused.build(), r570(GpuModel.H100_SXM5_80GB))).isEmpty();
    }

    @Test
    void a_mapped_compat_library_or_a_compat_loader_config_is_in_use() {
        Fixtures.Container mapped = cuda13WithCompat(List.of(535)).env("LD_LIBRARY_PATH", "");
        mapped.mapped = Fact.known(List.of(new MappedLibcuda(LIBRARY, MappedLibcuda.Kind.FORWARD_COMPAT)));
        Fixtures.Container configured = cuda13WithCompat(List.of(535)).env("LD_LIBRARY_PATH", "");
        configured.compatConfigs = Fact.known(List.of("/etc/ld.so.conf.d/00-compat-580.conf"));

        assertThat(check.evaluate(mapped.build(), r570(GpuModel.H100_SXM5_80GB))).hasSize(1);
        assertThat(check.evaluate(configured.build(), r570(GpuModel.H100_SXM5_80GB))).hasSize(1);
    }

    @Test
    void the_workload_check_leaves_forward_compatibility_to_the_libraries_note() {
        Fixtures.Container image = cuda13WithCompat(List.of(535, 550, 570, 575));

        assertThat(new WorkloadCudaCheck().evaluate(image.build(), r570(GpuModel.RTX_4090)))
                .extracting(f -> f.code())
                .doesNotContain(FindingCode.CUDA_FORWARD_COMPAT, FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED);
        assertThat(new WorkloadCudaCheck().evaluate(image.env("LD_LIBRARY_PATH", "").build(), r570(GpuModel.RTX_4090)))
                .extracting(f -> f.code()).contains(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED);
    }
}
