package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import io.gpudoctor.testing.NativeFixtures;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The functions the bindings declare ({@link NvmlLibrary}) against the symbols NVIDIA's real R535
 * and R470 libraries export: a name misspelt, or a function newer than a driver the bindings do not
 * probe for, would fail only on a GPU node, at the first call.
 */
class RealNvidiaSymbolsTest {

    /** What R470 lacks of the declared functions; {@link NvmlSymbols} probes each before it is called. */
    private static final Set<String> PROBED = Set.of("nvmlDeviceGetMemoryInfo_v2",
            "nvmlDeviceGetCurrentClocksEventReasons", "nvmlGpmQueryDeviceSupport", "nvmlGpmSampleAlloc",
            "nvmlGpmSampleFree", "nvmlGpmSampleGet", "nvmlGpmMetricsGet", "nvmlGpmMigSampleGet",
            NvmlSymbols.ProcessCallVersion.V3.symbol(NvmlSymbols.COMPUTE_PROCESSES),
            NvmlSymbols.ProcessCallVersion.V3.symbol(NvmlSymbols.GRAPHICS_PROCESSES));

    private static List<String> notExported(Path library) {
        NativeLibrary lib = NativeLibrary.getInstance(library.toString(), Map.of(Library.OPTION_OPEN_FLAGS, 1));
        return Arrays.stream(NvmlLibrary.class.getDeclaredMethods()).map(Method::getName).distinct().sorted()
                .filter(name -> !NvmlSymbols.exports(lib, name)).toList();
    }

    @Test
    void the_real_r535_library_exports_every_function_the_bindings_declare() {
        assertThat(notExported(NativeFixtures.nvidiaRoot535()
                .resolve("usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.1"))).isEmpty();
    }

    @Test
    void the_real_r470_library_lacks_only_functions_the_bindings_probe_for() {
        assertThat(notExported(NativeFixtures.nvidiaRoot470()
                .resolve("usr/lib/x86_64-linux-gnu/nvidia/tesla-470/libnvidia-ml.so.1"))).isSubsetOf(PROBED);
    }
}
