package io.gpudoctor.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Path;
import java.util.Map;

/**
 * One variant of the fake libnvidia-ml built from {@code src/test/native/fake_nvml.c}: its path,
 * and the control API the fake exports for tests. The fake's state is global to the loaded file,
 * so every test resets it first ({@link #reset()}).
 */
final class FakeNvml {

    /** The control functions of fake_nvml.c; not part of NVML. */
    interface Control extends Library {
        void fake_nvml_reset();

        void fake_nvml_fail(String function, int gpu, int nvmlReturn);

        void fake_nvml_push_xid(int gpu, long xid);

        void fake_nvml_churn_processes(int gpu, int times);

        int fake_nvml_call_count(String function);
    }

    static final int ALL_GPUS = -1;

    private final Path library;
    private final Control control;

    private FakeNvml(Path library) {
        this.library = library;
        this.control = Native.load(library.toString(), Control.class, Map.of(Library.OPTION_OPEN_FLAGS, 1));
    }

    /** Exports what an R535 driver does: {@code _v3} process calls, memory info v2, clocks event reasons. */
    static FakeNvml current() {
        return new FakeNvml(NativeFixtures.fakeNvml());
    }

    /** Exports what NVIDIA's R470 library does: {@code _v2}/v1 process calls, memory info v1, throttle reasons. */
    static FakeNvml r470() {
        return new FakeNvml(NativeFixtures.nativeFile("fake-nvml-r470/libnvidia-ml.so.1"));
    }

    /** Like {@link #r470()} without the {@code _v2} process calls either. */
    static FakeNvml v1ProcessesOnly() {
        return new FakeNvml(NativeFixtures.nativeFile("fake-nvml-v1-processes/libnvidia-ml.so.1"));
    }

    Path library() {
        return library;
    }

    /** Loads the fake through the bindings under test. */
    JnaNvml load() {
        try {
            return JnaNvml.load(library);
        } catch (LibraryLoadException e) {
            throw new AssertionError(e);
        }
    }

    /** Back to the two GPUs as compiled: not initialised, no failures, no events, no calls counted. */
    FakeNvml reset() {
        control.fake_nvml_reset();
        return this;
    }

    /** From now on, {@code function} answers {@code result} for this GPU ({@link #ALL_GPUS}: for every call). */
    void fail(String function, int gpu, NvmlReturn result) {
        control.fake_nvml_fail(function, gpu, result.code());
    }

    void pushXid(int gpu, long xid) {
        control.fake_nvml_push_xid(gpu, xid);
    }

    /** The next {@code times} "array too small" answers for this GPU's compute processes each start a process. */
    void churnProcesses(int gpu, int times) {
        control.fake_nvml_churn_processes(gpu, times);
    }

    /** How often the fake's {@code function} was called since the last reset. */
    int calls(String function) {
        return control.fake_nvml_call_count(function);
    }
}
