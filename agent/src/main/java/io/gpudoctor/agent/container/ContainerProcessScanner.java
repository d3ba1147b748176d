package io.gpudoctor.agent.container;

import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.proc.ProcStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/cgroup} of the host's processes: which of them run in containers. At
 * most {@link #MAX_PROCESSES} processes are read; a process that exits while it is read is skipped.
 */
final class ContainerProcessScanner {

    /**
     * A busy Kubernetes node can run more processes than {@link HostFileReader#MAX_LISTING}, whose
     * cut would drop arbitrary containers; a bound remains so that a runaway host cannot stall a scan.
     */
    static final int MAX_PROCESSES = 32_768;

    /** A cgroup file is a few lines; more is not a cgroup file. */
    private static final int CGROUP_CAP = 64 * 1024;

    private final HostFileReader files;

    ContainerProcessScanner(HostFileReader files) {
        this.files = files;
    }

    /** Every process found in a container, with its start time. */
    List<ContainerProcess> scan() {
        return memberships().stream().map(this::withStartTicks).toList();
    }

    /** Every process found in a container, from its cgroup file alone: its start time is not read. */
    List<ContainerProcess> memberships() {
        List<ContainerProcess> processes = new ArrayList<>();
        for (long pid : pids()) {
            cgroup(pid).content().flatMap(CgroupPathParser::parse)
                    .ifPresent(membership -> processes.add(new ContainerProcess(pid, membership, OptionalLong.empty())));
        }
        return processes;
    }

    /** {@code process} with its start time from {@code /proc/<pid>/stat}, when that can be read. */
    ContainerProcess withStartTicks(ContainerProcess process) {
        OptionalLong ticks = files.read("/proc/" + process.pid() + "/stat").content().map(ProcStat::startTicks)
                .orElse(OptionalLong.empty());
        return new ContainerProcess(process.pid(), process.membership(), ticks);
    }

    /** The numeric entries of the host's {@code /proc}, at most {@link #MAX_PROCESSES}. */
    private List<Long> pids() {
        Optional<Path> proc = files.locate("/proc");
        if (proc.isEmpty()) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc.get())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 10 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    pids.add(Long.parseLong(name));
                    if (pids.size() >= MAX_PROCESSES) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A /proc that cannot be listed further leaves the processes already seen.
            return pids;
        }
        return pids;
    }

    /** The cgroup file of one process, read or why not. */
    HostFile cgroup(long pid) {
        return files.read("/proc/" + pid + "/cgroup", CGROUP_CAP);
    }

    /** The comm of one process, for messages. */
    Optional<String> comm(long pid) {
        return files.read("/proc/" + pid + "/comm").content().map(String::strip).filter(c -> !c.isEmpty());
    }
}
