package io.gpudoctor.agent.container.facts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RealisticFixturesTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = RealisticFixturesTest.class.getResourceAsStream("/host/containers/facts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_docker_bundle_with_the_legacy_hook_yields_its_hooks_devices_and_cdi_annotation_but_none_of_its_environment() throws IOException {
        BundleFacts facts = BundleConfigParser.parse(resource("legacy-hook-config.json")).value().orElseThrow();

        assertThat(facts.hooks()).extracting(OciHook::stage, OciHook::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("prestart", "/usr/bin/nvidia-container-runtime-hook"),
                org.assertj.core.groups.Tuple.tuple("createRuntime", "/usr/bin/nvidia-ctk"));
        assertThat(facts.devicePaths()).containsExactly("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia0");
        assertThat(facts.cdiAnnotations()).containsOnlyKeys("cdi.k8s.io/nvidia-device-plugin_uuid");
        assertThat(facts.toString()).doesNotContain("hf_FIXTUREsecretDoNotLeak123", "FIXTUREKEY", "CUDA_VERSION");
    }

    @Test
    void a_gpu_container_mountinfo_yields_the_host_driver_libraries_and_a_16_gib_shm() throws IOException {
        MountFacts facts = MountInfoParser.parse(resource("gpu-container-mountinfo"));

        assertThat(facts.driverLibraries()).extracting(DriverLibraryFile::library)
                .containsExactly("libnvidia-ml", "libcuda", "libnvidia-ptxjitcompiler");
        assertThat(facts.driverLibraries()).extracting(DriverLibraryFile::version).containsOnly("570.86.15");
        assertThat(facts.shmSize()).contains("16777216k");
        assertThat(facts.isMounted("/usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15")).isTrue();
    }
}
