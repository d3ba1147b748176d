package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.ClockEventReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The GPU slows its clocks for heat or power problems. The software power cap alone is ordinary
 * power management and an idle GPU's low clocks are no throttling, so neither is reported.
 */
public final class ThrottleCheck implements Check {

    private static final Set<String> HARMFUL = Set.of(ClockEventReason.HW_SLOWDOWN.name(),
            ClockEventReason.HW_THERMAL_SLOWDOWN.name(), ClockEventReason.HW_POWER_BRAKE_SLOWDOWN.name(),
            ClockEventReason.SW_THERMAL_SLOWDOWN.name());

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            List<String> reasons = gpu.clockEventReasons().orElse(List.of()).stream().filter(HARMFUL::contains)
                    .sorted().toList();
            if (reasons.isEmpty()) {
                continue;
            }
            findings.add(Finding.of(FindingCode.GPU_THROTTLED, Severity.WARN)
                    .title(DriverState.describe(gpu) + " is throttled: " + String.join(", ", reasons))
                    .detail("The GPU runs below its clocks because it is too hot (thermal slowdown) or its board"
                            + " signals a power or hardware problem (HW slowdown, power brake), so every job on it"
                            + " runs slower than it should.")
                    .evidence("nvmlDeviceGetCurrentClocksEventReasons", String.join(", ", gpu.clockEventReasons()
                            .orElse(List.of())))
                    .evidence("nvmlDeviceGetTemperature", gpu.temperatureCelsius().map(t -> t + " °C").orElse("?"))
                    .fix("Inspect with `nvidia-smi -q -d PERFORMANCE,TEMPERATURE,POWER -i " + gpu.index() + "`; check"
                            + " the airflow and fans of the chassis and the power supplies (a power brake is"
                            + " signalled by the system's power controller).")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }
}
