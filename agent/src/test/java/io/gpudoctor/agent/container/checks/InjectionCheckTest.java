package io.gpudoctor.agent.container.checks;

import static io.gpudoctor.agent.container.checks.Fixtures.container;
import static io.gpudoctor.agent.container.checks.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionCheckTest {

    private final InjectionCheck check = new InjectionCheck();

    @Test
    void a_healthy_gpu_container_yields_nothing() {
        assertThat(check.evaluate(container().build(), host())).isEmpty();
    }

    @Test
    void asking_for_gpus_under_plain_runc_means_none_was_injected() {
        List<Finding> findings = check.evaluate(
                container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all").build(), host());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_NO_GPU_INJECTED);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.evidence()).extracting(e -> e.source()).anyMatch(s -> s.endsWith("config.json"));
            assertThat(f.fix()).contains("docker run --gpus all", "--runtime=nvidia").doesNotContain("runtimeClassName");
        });
    }

    @Test
    void in_a_kubernetes_pod_the_fix_is_the_pod_spec_and_never_a_docker_command() {
        Fixtures.Container pod = container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all").inPod();
        pod.runtime = "containerd";

        assertThat(check.evaluate(pod.build(), host())).singleElement().satisfies(f -> assertThat(f.fix())
                .contains("nvidia.com/gpu", "runtimeClassName: nvidia", "recreate the pod").doesNotContain("docker"));
    }

    @Test
    void under_podman_the_fix_is_a_podman_cdi_device_and_never_a_docker_command() {
        Fixtures.Container podman = container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all").runtime("podman");

        assertThat(check.evaluate(podman.build(), host())).singleElement().satisfies(f -> assertThat(f.fix())
                .contains("podman run --device nvidia.com/gpu=all").doesNotContain("docker").doesNotContain("Kubernetes"));
    }

    @Test
    void a_cpu_container_that_asks_for_nothing_yields_nothing() {
        assertThat(check.evaluate(container().cpuOnlyUnderRunc().build(), host())).isEmpty();
    }

    @Test
    void nodes_without_nvidia_uvm_are_missing_nodes() {
        Fixtures.Container c = container();
        c.nodes = Fact.known(List.of("/dev/nvidia0", "/dev/nvidiactl"));

        assertThat(check.evaluate(c.build(), host())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CONTAINER_DEVICE_NODES_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
            assertThat(f.title()).contains("/dev/nvidia-uvm").doesNotContain("nvidiactl");
            assertThat(f.fix()).contains("nvidia-modprobe -u -c=0");
        });
    }

    @Test
    void unreadable_device_nodes_yield_nothing() {
        Fixtures.Container c = container().cpuOnlyUnderRunc().env("NVIDIA_VISIBLE_DEVICES", "all");
        c.nodes = Fact.unknown("/dev: permission denied");

        assertThat(check.evaluate(c.build(), host())).isEmpty();
    }
}
