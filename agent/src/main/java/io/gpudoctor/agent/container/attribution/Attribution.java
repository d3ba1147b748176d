package io.gpudoctor.agent.container.attribution;

import java.util.List;

/**
 * Whose GPU memory and GPU time is whose, in a stable order.
 *
 * @param processes            at most N rows per GPU, by GPU, then memory (largest first, unknown last), then pid
 * @param containers           every container's total per GPU, by GPU, then container id
 * @param others               per GPU that has more than N processes, what the rows leave out; by GPU
 * @param containerUtilization every container's SM utilization per GPU that NVML sampled, by GPU, then container id
 */
public record Attribution(List<ProcessMemory> processes, List<ContainerMemory> containers,
                          List<OtherProcesses> others, List<ContainerUtilization> containerUtilization) {

    public Attribution {
        processes = List.copyOf(processes);
        containers = List.copyOf(containers);
        others = List.copyOf(others);
        containerUtilization = List.copyOf(containerUtilization);
    }

    /** Memory only: where no utilization samples were read. */
    public Attribution(List<ProcessMemory> processes, List<ContainerMemory> containers, List<OtherProcesses> others) {
        this(processes, containers, others, List.of());
    }

    /** The same memory attribution with these utilization rows. */
    public Attribution withContainerUtilization(List<ContainerUtilization> rows) {
        return new Attribution(processes, containers, others, rows);
    }
}
