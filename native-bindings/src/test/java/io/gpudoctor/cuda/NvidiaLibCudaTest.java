package io.gpudoctor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.locate.LibraryLocator;
import io.gpudoctor.locate.NvidiaLibrary;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * JnaCudaDriver on NVIDIA's real libcuda from Debian's 535 and 470 packages, found by the locator
 * as gpu-doctor would find them. This machine has no NVIDIA kernel module.
 */
class NvidiaLibCudaTest {

    /** cudaErrorInsufficientDriver of the runtime API, which CuResult names because users quote it. */
    private static final int INSUFFICIENT_DRIVER_OF_THE_RUNTIME_API = 35;

    @Test
    void the_535_driver_supports_cuda_12_2() throws LibraryLoadException {
        JnaCudaDriver cuda = load(NativeFixtures.nvidiaRoot535());

        assertThat(cuda.driverVersion()).isEqualTo(12020);
        assertThat(CudaVersion.format(cuda.driverVersion())).isEqualTo("12.2");
    }

    @Test
    void the_470_driver_supports_cuda_11_4() throws LibraryLoadException {
        JnaCudaDriver cuda = load(NativeFixtures.nvidiaRoot470());

        assertThat(cuda.driverVersion()).isEqualTo(11040);
        assertThat(CudaVersion.format(cuda.driverVersion())).isEqualTo("11.4");
    }

    @Test
    void both_drivers_loaded_in_one_process_each_answer_for_themselves() throws LibraryLoadException {
        JnaCudaDriver r535 = load(NativeFixtures.nvidiaRoot535());
        JnaCudaDriver r470 = load(NativeFixtures.nvidiaRoot470());

        assertThat(r470.driverVersion()).isEqualTo(11040);
        assertThat(r535.driverVersion()).isEqualTo(12020);
        assertThat(r470.driverVersion()).isEqualTo(11040);
    }

    @Test
    void init_without_a_kernel_module_is_no_device() throws LibraryLoadException {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia")), "an NVIDIA kernel module is loaded here");

        assertThat(load(NativeFixtures.nvidiaRoot535()).init()).isEqualTo(CuResult.NO_DEVICE);
        assertThat(load(NativeFixtures.nvidiaRoot470()).init()).isEqualTo(CuResult.NO_DEVICE);
    }

    @Test
    void device_count_after_a_failed_init_is_not_initialized() throws LibraryLoadException {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia")), "an NVIDIA kernel module is loaded here");
        JnaCudaDriver cuda = load(NativeFixtures.nvidiaRoot535());
        cuda.init();

        assertThatThrownBy(cuda::deviceCount)
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.result().name()).isEqualTo("CUDA_ERROR_NOT_INITIALIZED"));
    }

    @Test
    void the_real_driver_names_no_device() throws LibraryLoadException {
        assertThat(load(NativeFixtures.nvidiaRoot535()).errorName(CuResult.NO_DEVICE)).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(load(NativeFixtures.nvidiaRoot470()).errorName(CuResult.NO_DEVICE)).isEqualTo("CUDA_ERROR_NO_DEVICE");
    }

    private static JnaCudaDriver load(Path root) throws LibraryLoadException {
        return JnaCudaDriver.load(new LibraryLocator(root).locate(NvidiaLibrary.CUDA).chosen().orElseThrow().fileOnDisk());
    }

    @Test
    void every_result_name_we_know_is_the_name_nvidias_driver_gives_it() throws LibraryLoadException {
        JnaCudaDriver real = load(NativeFixtures.nvidiaRoot535());

        assertThat(CuResult.known()).filteredOn(r -> r.code() != INSUFFICIENT_DRIVER_OF_THE_RUNTIME_API)
                .allSatisfy(r -> assertThat(r.name()).isEqualTo(real.errorName(r)));
    }

    @Test
    void thirty_five_is_the_runtime_apis_code_which_the_driver_does_not_name() throws LibraryLoadException {
        JnaCudaDriver real = load(NativeFixtures.nvidiaRoot535());

        assertThatThrownBy(() -> real.errorName(new CuResult(INSUFFICIENT_DRIVER_OF_THE_RUNTIME_API)))
                .isInstanceOf(CudaException.class);
    }
}
