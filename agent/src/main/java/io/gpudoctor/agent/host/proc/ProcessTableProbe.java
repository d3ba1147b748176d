package io.gpudoctor.agent.host.proc;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.HostFile;
import io.gpudoctor.agent.host.HostFileReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lists the host's processes from {@code /proc/<pid>/comm} and {@code stat}. A process that
 * exits while it is read is simply skipped.
 */
public final class ProcessTableProbe implements HostProbe<ProcessTable> {

    /** USER_HZ: 100 on every Linux architecture gpu-doctor runs on. */
    static final long TICKS_PER_SECOND = 100;

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
            processes.add(new HostProcess(Long.parseLong(name), comm.text().strip(), started));
        }
        return new ProcessTable(processes);
    }
}
