package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleDevicesCheckTest {

    private final VisibleDevicesCheck check = new VisibleDevicesCheck();

    @Test
    void a_healthy_gpu_container_yields_nothing() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void void_visible_devices_in_a_cuda_container_is_disabled() {
        List<Finding> findings = check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", "void").build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("NVIDIA_VISIBLE_DEVICES=void"));
            assertThat(f.fix()).contains("NVIDIA_VISIBLE_DEVICES=all", "--gpus all");
        });
    }

    @Test
    void none_and_empty_are_disabled_too() {
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", "none").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED);
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", "").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED);
    }

    @Test
    void a_cpu_container_that_says_void_on_purpose_yields_nothing() {
        assertThat(check.evaluate(container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "void").build(), host()))
                .isEmpty();
    }

    @Test
    void an_index_past_the_host_gpu_count_is_unknown() {
        List<Finding> findings = check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", "0,2").build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).endsWith(": 2");
            assertThat(f.fix()).contains("nvidia-smi -L");
        });
    }

    @Test
    void a_uuid_not_on_the_host_is_unknown_and_host_uuids_are_fine() {
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES",
                "GPU-00000000-dead-beef-0000-000000000000").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN);
        String hostUuid = HostDriver.gpus(host()).get(1).uuid().orElseThrow();
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", hostUuid).build(), host())).isEmpty();
    }

    @Test
    void a_mig_uuid_the_host_has_is_fine_and_one_it_lacks_is_unknown() {
        HostFacts mig = Fixtures.migHost();
        String hostMig = HostDriver.gpus(mig).get(1).migInstances().get(1).computeInstances().get(0).uuid();
        String missing = "MIG-00000000-dead-beef-0000-000000000000";

        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", hostMig).build(), mig)).isEmpty();
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", missing).build(), mig)).singleElement()
                .satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN);
                    assertThat(f.title()).endsWith(": " + missing);
                    assertThat(f.detail()).contains("MIG devices").contains(hostMig);
                });
    }

    @Test
    void a_mig_uuid_is_unknown_on_a_host_whose_gpus_all_said_they_have_no_mig() {
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES",
                "MIG-00000000-dead-beef-0000-000000000000").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN);
    }

    @Test
    void the_older_mig_forms_are_left_alone() {
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES",
                "MIG-GPU-00000000-dead-beef-0000-000000000000/1/0,1:0").build(), Fixtures.migHost())).isEmpty();
    }

    @Test
    void devices_are_not_judged_when_the_host_gpus_are_unknown() {
        assertThat(check.evaluate(container().env("NVIDIA_VISIBLE_DEVICES", "7").build(), Fixtures.bareHost()))
                .isEmpty();
    }

    @Test
    void an_empty_cuda_visible_devices_hides_all() {
        List<Finding> findings = check.evaluate(container().env("CUDA_VISIBLE_DEVICES", "").build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.fix()).contains("Unset CUDA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES=0");
        });
    }

    @Test
    void a_leading_minus_one_hides_all_even_before_valid_entries() {
        assertThat(check.evaluate(container().env("CUDA_VISIBLE_DEVICES", "-1,0").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL);
    }

    @Test
    void a_first_index_past_the_container_own_gpus_hides_all_but_a_valid_one_does_not() {
        assertThat(check.evaluate(container().env("CUDA_VISIBLE_DEVICES", "1").build(), host()))
                .extracting(Finding::code).containsExactly(FindingCode.CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL);
        assertThat(check.evaluate(container().env("CUDA_VISIBLE_DEVICES", "0,5").build(), host())).isEmpty();
    }
    /** {@code --runtime=nvidia} without {@code --gpus}: the hook ran, no variable, no GPU node arrived. */
    private static Fixtures.Container nvidiaRuntimeWithoutGpus() {
        Fixtures.Container container = container().withoutEnv("NVIDIA_VISIBLE_DEVICES");
        container.nodes = Fact.known(List.of());
        return container;
    }

    @Test
    void unset_under_the_nvidia_runtime_on_a_current_cuda_image_gives_no_gpu_and_is_an_error() {
        assertThat(check.evaluate(nvidiaRuntimeWithoutGpus().build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).contains("not set");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("NVIDIA_REQUIRE_CUDA=cuda>=12.1"));
            assertThat(f.fix()).contains("docker run --gpus all").contains("recreate the container");
        });
    }

    @Test
    void unset_on_a_legacy_cuda_image_defaults_to_all_gpus_and_is_no_finding() {
        assertThat(check.evaluate(nvidiaRuntimeWithoutGpus().withoutEnv("NVIDIA_REQUIRE_CUDA").build(), host()))
                .isEmpty();
    }

    @Test
    void unset_with_gpu_nodes_present_was_injected_another_way_and_is_no_finding() {
        assertThat(check.evaluate(container().withoutEnv("NVIDIA_VISIBLE_DEVICES").build(), host())).isEmpty();
    }
}
