package io.gpudoctor.agent.host.proc;

import java.util.List;
import java.util.Optional;

/** The host's processes by command name: enough to tell whether dockerd or nv-fabricmanager runs, and since when. */
public record ProcessTable(List<HostProcess> processes) {

    public ProcessTable {
        processes = List.copyOf(processes);
    }

    /** Processes whose {@code comm} is exactly {@code name} (the kernel truncates it to 15 characters). */
    public List<HostProcess> named(String name) {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        return processes.stream().filter(p -> p.comm().equals(comm)).toList();
    }

    /** The oldest process of that name: the daemon, where it forks workers. */
    public Optional<HostProcess> oldest(String name) {
        return named(name).stream().min(java.util.Comparator.comparingLong(HostProcess::pid));
    }

    public boolean running(String name) {
        return !named(name).isEmpty();
    }
}
