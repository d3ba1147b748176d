package io.gpudoctor.agent.driver;

import io.gpudoctor.cuda.CudaDriver;
import io.gpudoctor.nvml.Nvml;
import java.util.Optional;

/**
 * The driver as this process reaches it: NVML and the CUDA driver API where their libraries
 * loaded, and the report of how each library was found.
 *
 * @param source {@code host} or {@code simulated:<scenario>}
 */
public record DriverConnection(String source, LibraryReport nvmlLibrary, LibraryReport cudaLibrary,
                               Optional<Nvml> nvml, Optional<CudaDriver> cuda) {

    public boolean simulated() {
        return source.startsWith("simulated:");
    }
}
