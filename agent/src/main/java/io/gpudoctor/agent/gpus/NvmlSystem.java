package io.gpudoctor.agent.gpus;

import java.util.List;
import java.util.Optional;

/**
 * What NVML answers about the system rather than one GPU; a field is empty when its call failed,
 * and the failures are listed in {@code errors}.
 *
 * @param cudaDriverVersion the CUDA version the driver supports ("12.2")
 */
public record NvmlSystem(Optional<String> driverVersion, Optional<String> nvmlVersion,
                         Optional<String> cudaDriverVersion, Optional<Integer> deviceCount, List<CallError> errors) {

    public NvmlSystem {
        errors = List.copyOf(errors);
    }
}
