package io.gpudoctor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.nvml.ComputeCapability;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JnaCudaDriver against fake_cuda.c, whose every value is known. */
class JnaCudaDriverTest {

    private static final CuResult NOT_INITIALIZED = new CuResult(3);
    private static final CuResult STUB_LIBRARY = new CuResult(34);

    private Path fake;
    private JnaCudaDriver cuda;

    @BeforeEach
    void loadFakeAndInitialise() throws LibraryLoadException {
        fake = NativeFixtures.fakeCuda();
        cuda = JnaCudaDriver.load(fake);
        setInitResult(0);
    }

    @Test
    void driver_version_is_the_fakes() {
        assertThat(cuda.driverVersion()).isEqualTo(12040);
    }

    @Test
    void init_succeeds_when_the_driver_says_so() {
        assertThat(cuda.init()).isEqualTo(CuResult.SUCCESS);
    }

    @Test
    void init_returns_the_drivers_result_instead_of_throwing() {
        setInitResult(100);

        assertThat(cuda.init()).isEqualTo(CuResult.NO_DEVICE);
    }

    @Test
    void device_count_after_init_is_two() {
        cuda.init();

        assertThat(cuda.deviceCount()).isEqualTo(2);
    }

    @Test
    void device_calls_before_a_successful_init_throw_with_the_call_and_result() {
        setInitResult(100);
        cuda.init();

        assertThatThrownBy(() -> cuda.deviceCount())
                .isInstanceOfSatisfying(CudaException.class, e -> {
                    assertThat(e.call()).isEqualTo("cuDeviceGetCount");
                    assertThat(e.result()).isEqualTo(NOT_INITIALIZED);
                });
    }

    @Test
    void each_device_has_its_own_name() {
        cuda.init();

        assertThat(cuda.deviceName(0)).isEqualTo("NVIDIA H100 80GB HBM3 (fake 0)");
        assertThat(cuda.deviceName(1)).isEqualTo("NVIDIA RTX A6000 (fake 1)");
    }

    @Test
    void each_device_has_its_own_compute_capability() {
        cuda.init();

        assertThat(cuda.computeCapability(0)).isEqualTo(new ComputeCapability(9, 0));
        assertThat(cuda.computeCapability(1)).isEqualTo(new ComputeCapability(8, 6));
    }

    @Test
    void total_memory_keeps_all_64_bits() {
        cuda.init();

        assertThat(cuda.totalMemoryBytes(0)).isEqualTo(85_520_809_983L);
        assertThat(cuda.totalMemoryBytes(1)).isEqualTo(51_041_271_809L);
    }

    @Test
    void an_ordinal_past_the_last_device_throws_invalid_device() {
        cuda.init();

        assertThatThrownBy(() -> cuda.deviceName(2))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.result().name()).isEqualTo("CUDA_ERROR_INVALID_DEVICE"));
    }

    @Test
    void error_name_comes_from_the_driver() {
        assertThat(cuda.errorName(CuResult.NO_DEVICE)).isEqualTo("CUDA_ERROR_NO_DEVICE");
    }

    @Test
    void error_name_of_a_code_the_driver_does_not_know_throws_invalid_value() {
        assertThatThrownBy(() -> cuda.errorName(new CuResult(12345)))
                .isInstanceOfSatisfying(CudaException.class, e -> {
                    assertThat(e.call()).isEqualTo("cuGetErrorName");
                    assertThat(e.result().name()).isEqualTo("CUDA_ERROR_INVALID_VALUE");
                });
    }

    @Test
    void the_stub_library_answers_init_with_stub_library() throws LibraryLoadException {
        JnaCudaDriver stub = JnaCudaDriver.load(NativeFixtures.nativeFile("fake-cuda-stub/libcuda.so.1"));

        assertThat(stub.init()).isEqualTo(STUB_LIBRARY);
        assertThat(stub.init().name()).isEqualTo("CUDA_ERROR_STUB_LIBRARY");
    }

    @Test
    void the_stub_library_reports_no_driver_version() throws LibraryLoadException {
        JnaCudaDriver stub = JnaCudaDriver.load(NativeFixtures.nativeFile("fake-cuda-stub/libcuda.so.1"));

        assertThatThrownBy(stub::driverVersion)
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.result()).isEqualTo(STUB_LIBRARY));
    }

    @Test
    void two_libraries_with_the_same_soname_each_answer_for_themselves() throws LibraryLoadException {
        JnaCudaDriver stub = JnaCudaDriver.load(NativeFixtures.nativeFile("fake-cuda-stub/libcuda.so.1"));

        assertThat(stub.init()).isEqualTo(STUB_LIBRARY);
        assertThat(cuda.init()).isEqualTo(CuResult.SUCCESS);
        assertThat(stub.init()).isEqualTo(STUB_LIBRARY);
    }

    @Test
    void the_driver_remembers_the_absolute_file_it_was_loaded_from() {
        assertThat(cuda.libraryFile()).isEqualTo(fake.toAbsolutePath().normalize()).isAbsolute();
    }

    @Test
    void a_missing_file_is_not_loadable() {
        Path missing = fake.resolveSibling("libcuda.so.999");

        assertThatThrownBy(() -> JnaCudaDriver.load(missing))
                .isInstanceOfSatisfying(LibraryLoadException.class, e -> {
                    assertThat(e.path()).isEqualTo(missing);
                    assertThat(e).hasMessage("not loadable: " + missing + ": no such file");
                });
    }

    @Test
    void a_file_that_is_not_a_library_is_not_loadable(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("libcuda.so.1"), "not an ELF file\n");

        assertThatThrownBy(() -> JnaCudaDriver.load(text))
                .isInstanceOf(LibraryLoadException.class)
                .hasMessageStartingWith("not loadable: " + text + ": ");
    }

    @Test
    void a_library_without_the_cuda_entry_points_is_not_loadable() {
        Path nvml = NativeFixtures.nvidiaRoot535()
                .resolve("usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.535.309.01");

        assertThatThrownBy(() -> JnaCudaDriver.load(nvml))
                .isInstanceOf(LibraryLoadException.class)
                .hasMessageContaining("cuInit");
    }

    /** The fake's control knob, called on the same dlopen handle the driver uses. */
    private void setInitResult(int result) {
        NativeLibrary.getInstance(fake.toAbsolutePath().toString(), Map.of(Library.OPTION_OPEN_FLAGS, 1))
                .getFunction("fake_cuda_set_init_result")
                .invokeVoid(new Object[] {result});
    }
}
