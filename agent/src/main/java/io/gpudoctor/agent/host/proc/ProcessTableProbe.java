package io.gpudoctor.agent.host.proc;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Lists the host's processes from {@code /proc/<pid>/comm} and {@code stat}, and the command line
 * of the daemons whose arguments name their configuration. A process that exits while it is read
 * is simply skipped.
 */
public final class ProcessTableProbe implements HostProbe<ProcessTable> {

    /** USER_HZ: 100 on every Linux architecture gpu-doctor runs on. */
    static final long TICKS_PER_SECOND = 100;
    /** Daemons whose command line says which configuration is live ({@code containerd -c ...}). */
    static final Set<String> ARGUMENTS_READ = Set.of("containerd", "dockerd", "crio", "kubelet", "k3s-server",
            "k3s-agent", "k3s", "rke2", "kubelite", "cri-dockerd");

    @Override
    public Class<ProcessTable> type() {
        return ProcessTable.class;
    }

    @Override
    public ProcessTable probe(HostFileReader files) {
        OptionalLong boot = files.read("/proc/stat").content().map(ProcStat::bootTime).orElse(OptionalLong.empty());
        List<HostProcess> processes = new ArrayList<>();
        for (String name : files.list("/proc")) {
            if (!name.chars().allMatch(Character::isDigit)) {
                continue;
            }
            HostFile comm = files.read("/proc/" + name + "/comm");
            if (!comm.isOk()) {
                continue;
            }
            Optional<Instant> started = Optional.empty();
            OptionalLong ticks = files.read("/proc/" + name + "/stat").content().map(ProcStat::startTicks)
                    .orElse(OptionalLong.empty());
            if (boot.isPresent() && ticks.isPresent()) {
                long millis = boot.getAsLong() * 1000 + ticks.getAsLong() * 1000 / TICKS_PER_SECOND;
                started = Optional.of(Instant.ofEpochMilli(millis));
            }
            String command = comm.text().strip();
            List<String> args = ARGUMENTS_READ.contains(command)
                    ? files.read("/proc/" + name + "/cmdline").content().map(ProcessTableProbe::arguments).orElse(List.of())
                    : List.of();
            processes.add(new HostProcess(Long.parseLong(name), command, started, args));
        }
        return new ProcessTable(processes);
    }

    /** {@code /proc/<pid>/cmdline}: the arguments, each ended by a NUL. */
    static List<String> arguments(String cmdline) {
        return Arrays.stream(cmdline.split("\0")).filter(arg -> !arg.isEmpty()).toList();
    }
}
