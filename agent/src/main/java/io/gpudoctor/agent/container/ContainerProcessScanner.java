package io.gpudoctor.agent.container;

import io.gpudoctor.agent.host.HostFile;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.proc.ProcStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/cgroup} of the host's processes: which of them run in containers. The
 * listing of {@code /proc} is bounded by {@link HostFileReader#MAX_LISTING}; a process that exits
 * while it is read is skipped.
 */
final class ContainerProcessScanner {

    /** A cgroup file is a few lines; more is not a cgroup file. */
    private static final int CGROUP_CAP = 64 * 1024;

    private final HostFileReader files;
    private final HostFileReader cgroupFiles;

    ContainerProcessScanner(HostFileReader files) {
        this.files = files;
        this.cgroupFiles = new HostFileReader(files.paths(), CGROUP_CAP);
    }

    /** Every process found in a container. */
    List<ContainerProcess> scan() {
        List<ContainerProcess> processes = new ArrayList<>();
        for (String name : files.list("/proc")) {
            if (name.isEmpty() || name.length() > 10 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                continue;
            }
            long pid = Long.parseLong(name);
            cgroup(pid).content().flatMap(CgroupPathParser::parse).ifPresent(membership -> {
                OptionalLong ticks = files.read("/proc/" + pid + "/stat").content().map(ProcStat::startTicks)
                        .orElse(OptionalLong.empty());
                processes.add(new ContainerProcess(pid, membership, ticks));
            });
        }
        return processes;
    }

    /** The cgroup file of one process, read or why not. */
    HostFile cgroup(long pid) {
        return cgroupFiles.read("/proc/" + pid + "/cgroup");
    }

    /** The comm of one process, for messages. */
    Optional<String> comm(long pid) {
        return files.read("/proc/" + pid + "/comm").content().map(String::strip).filter(c -> !c.isEmpty());
    }
}
