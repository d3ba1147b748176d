package io.gpudoctor.agent.host.proc;

import java.time.Instant;
import java.util.Optional;

/**
 * One process of the host, from {@code /proc/<pid>/comm} and {@code stat}.
 *
 * @param started when it started (boot time + its start ticks); empty when unknown
 */
public record HostProcess(long pid, String comm, Optional<Instant> started) {
}
