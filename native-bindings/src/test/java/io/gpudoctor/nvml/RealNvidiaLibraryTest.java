package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * NVIDIA's real R535 and R470 libnvidia-ml on a host without NVIDIA's kernel module, which is what
 * this machine is. What they answer here was found by calling them; the tests pin it down.
 * (Run as root, nvmlInit may create /dev/nvidiactl; the answers below do not depend on it.)
 */
class RealNvidiaLibraryTest {

    private static Path real535() {
        return NativeFixtures.nvidiaRoot535().resolve("usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.1");
    }

    private static Path real470() {
        return NativeFixtures.nvidiaRoot470().resolve("usr/lib/x86_64-linux-gnu/nvidia/tesla-470/libnvidia-ml.so.1");
    }

    private static JnaNvml load(Path library) throws LibraryLoadException {
        return JnaNvml.load(library);
    }

    @Test
    void r535_init_fails_with_driver_not_loaded() throws LibraryLoadException {
        try (JnaNvml nvml = load(real535())) {
            assertFails(nvml::init, NvmlReturn.ERROR_DRIVER_NOT_LOADED, "nvmlInit_v2");
        }
    }

    @Test
    void r470_init_fails_with_driver_not_loaded() throws LibraryLoadException {
        try (JnaNvml nvml = load(real470())) {
            assertFails(nvml::init, NvmlReturn.ERROR_DRIVER_NOT_LOADED, "nvmlInit_v2");
        }
    }

    @Test
    void r535_reports_its_nvml_version_without_init() throws LibraryLoadException {
        try (JnaNvml nvml = load(real535())) {
            assertThat(nvml.nvmlVersion()).isEqualTo("12.535.309.01");
        }
    }

    @Test
    void r535_still_reports_its_nvml_version_after_a_failed_init() throws LibraryLoadException {
        try (JnaNvml nvml = load(real535())) {
            assertThatThrownBy(nvml::init).isInstanceOf(NvmlException.class);

            assertThat(nvml.nvmlVersion()).isEqualTo("12.535.309.01");
        }
    }

    @Test
    void r470_reports_no_nvml_version_without_a_successful_init() throws LibraryLoadException {
        try (JnaNvml nvml = load(real470())) {
            assertFails(nvml::nvmlVersion, NvmlReturn.ERROR_UNINITIALIZED, "nvmlSystemGetNVMLVersion");
            assertThatThrownBy(nvml::init).isInstanceOf(NvmlException.class);
            assertFails(nvml::nvmlVersion, NvmlReturn.ERROR_UNINITIALIZED, "nvmlSystemGetNVMLVersion");
        }
    }

    @Test
    void both_refuse_driver_and_cuda_versions_without_a_successful_init() throws LibraryLoadException {
        for (Path library : new Path[] {real535(), real470()}) {
            try (JnaNvml nvml = load(library)) {
                assertFails(nvml::driverVersion, NvmlReturn.ERROR_UNINITIALIZED, "nvmlSystemGetDriverVersion");
                assertFails(nvml::cudaDriverVersion, NvmlReturn.ERROR_UNINITIALIZED,
                        "nvmlSystemGetCudaDriverVersion_v2");
                assertThatThrownBy(nvml::init).isInstanceOf(NvmlException.class);
                assertFails(nvml::driverVersion, NvmlReturn.ERROR_UNINITIALIZED, "nvmlSystemGetDriverVersion");
                assertFails(nvml::cudaDriverVersion, NvmlReturn.ERROR_UNINITIALIZED,
                        "nvmlSystemGetCudaDriverVersion_v2");
            }
        }
    }

    @Test
    void r535_and_r470_loaded_side_by_side_each_answer_for_their_own_file() throws LibraryLoadException {
        try (JnaNvml r535 = load(real535()); JnaNvml r470 = load(real470())) {
            assertThat(r535.nvmlVersion()).isEqualTo("12.535.309.01");
            assertFails(r470::nvmlVersion, NvmlReturn.ERROR_UNINITIALIZED, "nvmlSystemGetNVMLVersion");
            assertThat(r535.nvmlVersion()).isEqualTo("12.535.309.01");
        }
    }

    @Test
    void the_fake_and_the_real_r535_loaded_side_by_side_each_answer_for_their_own_file() throws LibraryLoadException {
        FakeNvml fake = FakeNvml.current().reset();
        try (JnaNvml real = load(real535()); JnaNvml faked = fake.load()) {
            faked.init();

            assertThat(faked.nvmlVersion()).isEqualTo("12.535.161.07");
            assertThat(real.nvmlVersion()).isEqualTo("12.535.309.01");
            assertFails(real::init, NvmlReturn.ERROR_DRIVER_NOT_LOADED, "nvmlInit_v2");
            assertThat(faked.deviceCount()).isEqualTo(2);
        }
    }

    private static void assertFails(ThrowingCallable call, NvmlReturn expected, String function) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NvmlException.class, e -> {
            assertThat(e.result()).isEqualTo(expected);
            assertThat(e.call()).isEqualTo(function);
        });
    }
}
