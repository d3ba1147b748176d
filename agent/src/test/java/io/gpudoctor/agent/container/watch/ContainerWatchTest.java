package io.gpudoctor.agent.container.watch;

import io.gpudoctor.agent.container.ContainerResolver;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerWatchTest {

    static final String TRAINER = HostWithContainers.id('1');
    static final String WEB = HostWithContainers.id('2');
    static final String HOST_NETWORK = HostWithContainers.id('3');
    static final String GPUS_FLAG = HostWithContainers.id('4');
    static final String VISIBLE_NONE = HostWithContainers.id('5');
    static final String LLAMA = HostWithContainers.id('6');
    static final String LLAMA_SANDBOX = HostWithContainers.id('7');
    static final String NGINX = HostWithContainers.id('8');
    static final String INFER = HostWithContainers.id('9');
    static final String CDI = HostWithContainers.id('a');

    @TempDir
    Path root;
    HostWithContainers host;
    ContainerWatch watch;

    @BeforeEach
    void node() {
        host = new HostWithContainers(root);
        host.hostProcess(900, "dockerd");
        host.write("proc/900/environ", "NVIDIA_VISIBLE_DEVICES=all\0");
        host.docker(TRAINER, 4242, "trainer").environ("PATH=/usr/bin", "NVIDIA_VISIBLE_DEVICES=all",
                "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI").child(4250);
        host.docker(WEB, 4300, "web").environ("PATH=/usr/bin", "DB_PASSWORD=hunter2");
        host.docker(HOST_NETWORK, 4400, "hostnet").environ("NVIDIA_VISIBLE_DEVICES=void")
                .hostConfig("{\"NetworkMode\":\"host\",\"Runtime\":\"nvidia\"}");
        host.docker(GPUS_FLAG, 4500, "gpus-flag").environ("PATH=/usr/bin")
                .hostConfig("{\"Runtime\":\"runc\",\"DeviceRequests\":[{\"Capabilities\":[[\"gpu\"]]}]}");
        host.docker(VISIBLE_NONE, 4600, "cuda-image-cpu").environ("NVIDIA_VISIBLE_DEVICES=none", "CUDA_VERSION=12.4.1");
        host.sandbox(LLAMA_SANDBOX, 5000, "training", "llama-0").annotation("io.kubernetes.cri.runtime-handler", "nvidia");
        host.pod(LLAMA, 5100, "training", "llama-0", "trainer").environ("PATH=/usr/bin").device("/dev/nvidia0");
        host.pod(NGINX, 5200, "web", "nginx-1", "nginx").environ("PATH=/usr/bin").hook("/usr/bin/oci-seccomp");
        host.pod(INFER, 5300, "ml", "infer-0", "server").environ("PATH=/usr/bin")
                .annotation("io.kubernetes.cri.runtime-handler", "nvidia");
        host.pod(CDI, 5400, "ml", "cdi-0", "server").environ("PATH=/usr/bin")
                .annotation("cdi.k8s.io/nvidia-device-plugin_" + CDI.substring(0, 8), "nvidia.com/gpu=0");
        watch = new ContainerWatch(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
    }

    private Map<String, Set<GpuAskSource>> scan(Set<String> usingGpus) {
        return watch.scan(usingGpus).stream()
                .collect(Collectors.toMap(w -> w.identity().id(), w -> w.ask().sources()));
    }

    @Test
    void theWatchFindsExactlyTheContainersThatAskedForAGpu() {
        assertThat(scan(Set.of())).containsOnlyKeys(TRAINER, HOST_NETWORK, GPUS_FLAG, LLAMA, INFER, CDI);
    }

    @Test
    void eachWatchedContainerSaysHowItAskedForAGpu() {
        assertThat(scan(Set.of())).containsEntry(TRAINER, Set.of(GpuAskSource.ENVIRONMENT))
                .containsEntry(HOST_NETWORK, Set.of(GpuAskSource.RUNTIME))
                .containsEntry(GPUS_FLAG, Set.of(GpuAskSource.RUNTIME))
                .containsEntry(LLAMA, Set.of(GpuAskSource.BUNDLE))
                .containsEntry(INFER, Set.of(GpuAskSource.RUNTIME))
                .containsEntry(CDI, Set.of(GpuAskSource.BUNDLE));
    }

    @Test
    void watchedContainersAreNamedAndSortedById() {
        List<WatchedContainer> watched = watch.scan(Set.of());

        assertThat(watched).extracting(w -> w.identity().id()).isSorted();
        assertThat(watched).filteredOn(w -> w.identity().id().equals(LLAMA)).singleElement()
                .satisfies(w -> assertThat(w.identity().podPath()).contains("training/llama-0/trainer"));
        assertThat(watched).filteredOn(w -> w.identity().id().equals(TRAINER)).singleElement()
                .satisfies(w -> assertThat(w.identity().pid()).isEqualTo(4242));
    }

    @Test
    void aContainerUsingAGpuIsWatchedWhateverItAskedFor() {
        assertThat(scan(Set.of(WEB, TRAINER))).containsEntry(WEB, Set.of(GpuAskSource.GPU_PROCESS))
                .containsEntry(TRAINER, Set.of(GpuAskSource.ENVIRONMENT, GpuAskSource.GPU_PROCESS));
    }

    @Test
    void noEnvironmentValueButTheGpuVariablesIsKept() {
        assertThat(watch.scan(Set.of()).toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("hunter2");
    }

    @Test
    void aContainerWhoseProcessesExitedDropsOutAtTheNextScan() {
        watch.scan(Set.of());
        host.exit(5300);

        assertThat(scan(Set.of())).doesNotContainKey(INFER).containsKey(LLAMA);
    }

    @Test
    void aContainerStartedSinceTheLastScanIsWatchedAtTheNext() {
        watch.scan(Set.of());
        String late = HostWithContainers.id('b');
        host.docker(late, 6000, "late").environ("NVIDIA_VISIBLE_DEVICES=0");

        assertThat(scan(Set.of())).containsKey(late);
    }

    @Test
    void whatARunningContainerAskedForIsDecidedOnce() {
        watch.scan(Set.of());
        host.write("proc/4300/environ", "NVIDIA_VISIBLE_DEVICES=all\0");
        host.write("proc/4242/environ", "PATH=/usr/bin\0");

        assertThat(scan(Set.of())).doesNotContainKey(WEB).containsKey(TRAINER);
    }

    @Test
    void aContainerRestartedUnderTheSameIdIsDecidedAgain() {
        watch.scan(Set.of());
        host.exit(4300);
        host.docker(WEB, 4310, "web").environ("NVIDIA_VISIBLE_DEVICES=all");

        List<WatchedContainer> watched = watch.scan(Set.of());

        assertThat(watched).filteredOn(w -> w.identity().id().equals(WEB)).singleElement()
                .extracting(WatchedContainer::identity).extracting(ContainerIdentity::pid).isEqualTo(4310L);
    }

    @Test
    void aHostWithoutProcWatchesNothing(@TempDir Path empty) {
        assertThat(new ContainerWatch(new ContainerResolver(new HostFileReader(HostPaths.of(empty)))).scan(Set.of())).isEmpty();
    }
}
