package io.gpudoctor.agent.container.attribution;

import java.util.List;

/**
 * Whose GPU memory is whose, in a stable order.
 *
 * @param processes  at most N rows per GPU, by GPU, then memory (largest first, unknown last), then pid
 * @param containers every container's total per GPU, by GPU, then container id
 * @param others     per GPU that has more than N processes, what the rows leave out; by GPU
 */
public record Attribution(List<ProcessMemory> processes, List<ContainerMemory> containers,
                          List<OtherProcesses> others) {

    public Attribution {
        processes = List.copyOf(processes);
        containers = List.copyOf(containers);
        others = List.copyOf(others);
    }
}
