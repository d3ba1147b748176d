package io.gpudoctor.agent.driver;

import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import io.gpudoctor.cuda.CudaDriver;
import io.gpudoctor.cuda.JnaCudaDriver;
import io.gpudoctor.locate.LibraryCandidate;
import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.locate.LibraryLocator;
import io.gpudoctor.locate.LibrarySearch;
import io.gpudoctor.locate.NvidiaLibrary;
import io.gpudoctor.nvml.JnaNvml;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedNvml;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads the NVIDIA libraries as the options say, or builds the simulated driver. A
 * library that is missing or does not load is reported, never thrown: "no driver here" is the
 * most common answer this tool gives.
 */
public final class DriverConnector {

    private DriverConnector() {
    }

    /**
     * Connects to the driver the options name.
     *
     * @throws ScenarioException when a simulated scenario cannot be read: a usage error, unlike a missing driver
     */
    public static DriverConnection connect(DriverOptions options) throws ScenarioException {
        if (options.simulate().isPresent()) {
            return simulated(ScenarioLoader.load(options.simulate().get()));
        }
        LibraryLocator locator = new LibraryLocator(options.rootfs());
        Opened<Nvml> nvml = open(NvidiaLibrary.NVML, options.nvml(), locator, JnaNvml::load);
        Opened<CudaDriver> cuda = open(NvidiaLibrary.CUDA, options.cuda(), locator, JnaCudaDriver::load);
        return new DriverConnection("host", nvml.report(), cuda.report(), nvml.library(), cuda.library());
    }

    /** The simulated driver of a scenario already loaded (its host tree is the caller's to use). */
    public static DriverConnection simulated(LoadedScenario loaded) {
        String name = loaded.scenario().name();
        String version = loaded.scenario().driverVersion();
        return new DriverConnection("simulated:" + name,
                simulatedReport(NvidiaLibrary.NVML, version), simulatedReport(NvidiaLibrary.CUDA, version),
                Optional.of(new SimulatedNvml(loaded.scenario())),
                Optional.of(new SimulatedCudaDriver(loaded.scenario())));
    }

    /**
     * The simulated driver's libraries, named as the driver's installer names them, so that checks
     * comparing the userspace version with the kernel module's see the scenario's version. Nothing
     * is loaded from these paths.
     */
    private static LibraryReport simulatedReport(NvidiaLibrary library, String driverVersion) {
        Path folder = Path.of("/usr/lib/x86_64-linux-gnu");
        String stem = library.soname().substring(0, library.soname().length() - 1);
        LibraryCandidate candidate = new LibraryCandidate(folder.resolve(library.soname()),
                folder.resolve(stem + driverVersion), Optional.of(driverVersion), "simulated",
                folder.resolve(stem + driverVersion));
        return new LibraryReport(library.soname(), "simulated", Optional.of(candidate), List.of(candidate), true,
                Optional.empty(), Optional.empty());
    }

    private static <T> Opened<T> open(NvidiaLibrary library, LibraryChoice choice, LibraryLocator locator,
                                      Loader<T> loader) {
        if (choice.kind() == LibraryChoice.Kind.NONE) {
            return new Opened<>(new LibraryReport(library.soname(), "none", Optional.empty(), List.of(), false,
                    Optional.empty(), Optional.empty()), Optional.empty());
        }
        boolean explicit = choice.kind() == LibraryChoice.Kind.PATH;
        LibrarySearch search = explicit
                ? locator.explicit(library, choice.path().orElseThrow())
                : locator.locate(library);
        Optional<LibraryCandidate> chosen = search.chosen();
        Optional<String> loadError = Optional.empty();
        Optional<T> loaded = Optional.empty();
        if (chosen.isPresent()) {
            try {
                loaded = Optional.of(loader.load(chosen.get().fileOnDisk()));
            } catch (LibraryLoadException e) {
                loadError = Optional.of(e.getMessage());
            }
        } else if (explicit) {
            loadError = Optional.of("not found: " + choice.path().orElseThrow());
        }
        LibraryReport report = new LibraryReport(library.soname(), choice.toString(), chosen, search.candidates(),
                loaded.isPresent(), loadError, explicit ? Optional.empty() : Optional.of(locator.ldSoCache()));
        return new Opened<>(report, loaded);
    }

    @FunctionalInterface
    private interface Loader<T> {
        T load(Path file) throws LibraryLoadException;
    }

    private record Opened<T>(LibraryReport report, Optional<T> library) {
    }
}
