package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code NVIDIA_DRIVER_CAPABILITIES} too narrow (F09): without {@code compute} no libcuda is
 * injected, without {@code utility} no {@code nvidia-smi}. Unset or empty means the runtime's
 * default {@code utility,compute}, which is fine.
 */
public final class DriverCapabilitiesCheck implements ContainerCheck {

    private static final String NAME = "NVIDIA_DRIVER_CAPABILITIES";

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        if (!GpuRequest.wantsGpu(container)) {
            return List.of();
        }
        return GpuRequest.variable(container, NAME).filter(v -> !v.isBlank())
                .map(value -> missing(container, value)).orElse(List.of());
    }

    private static List<Finding> missing(ContainerFacts container, String value) {
        Set<String> capabilities = Arrays.stream(value.split(",")).map(c -> c.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        if (capabilities.contains("all")) {
            return List.of();
        }
        List<String> missing = List.of("compute", "utility").stream().filter(c -> !capabilities.contains(c)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        // Without compute CUDA cannot start at all; without utility only the tools are gone.
        Severity severity = missing.contains("compute") ? Severity.ERROR : Severity.WARN;
        return List.of(Finding.of(FindingCode.CONTAINER_DRIVER_CAPABILITIES_MISSING, severity)
                .title(NAME + " lacks " + String.join(" and ", missing))
                .detail((missing.contains("compute") ? "Without 'compute' the runtime injects no libcuda, so CUDA "
                        + "cannot load. " : "")
                        + (missing.contains("utility") ? "Without 'utility' there is no nvidia-smi or libnvidia-ml "
                        + "in the container." : ""))
                .evidence(GpuRequest.environSource(container), NAME + "=" + value)
                .fix("Set " + NAME + "=compute,utility (or `all`), e.g. `-e " + NAME
                        + "=compute,utility`, and recreate the container.")
                .build());
    }
}
