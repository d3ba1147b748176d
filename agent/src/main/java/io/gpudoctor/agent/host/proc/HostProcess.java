package io.gpudoctor.agent.host.proc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One process of the host, from {@code /proc/<pid>/comm}, {@code stat} and, for the daemons whose
 * arguments say where their configuration is, {@code cmdline}.
 *
 * @param started when it started (boot time + its start ticks); empty when unknown
 * @param args    its command line ({@code containerd -c /var/lib/rancher/k3s/...}); empty when not read
 */
public record HostProcess(long pid, String comm, Optional<Instant> started, List<String> args) {

    public HostProcess {
        args = List.copyOf(args);
    }

    public HostProcess(long pid, String comm, Optional<Instant> started) {
        this(pid, comm, started, List.of());
    }

    /**
     * The value of a command-line option given as {@code --name value}, {@code --name=value} or,
     * for a short alias, {@code -c value}; the last one wins, as Go's flag parsers have it.
     */
    public Optional<String> option(String name, String alias) {
        Optional<String> value = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals(name) || arg.equals(alias)) && i + 1 < args.size()) {
                value = Optional.of(args.get(i + 1));
            } else if (arg.startsWith(name + "=")) {
                value = Optional.of(arg.substring(name.length() + 1));
            }
        }
        return value;
    }
}
