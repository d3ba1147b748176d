package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.kmsg.KernelLogEvents;
import io.gpudoctor.agent.host.kmsg.LogFileTail;
import io.gpudoctor.agent.host.kmsg.XidRecord;
import io.gpudoctor.kmsg.KmsgReader;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Xid lines the kernel log gained since it was last read: the host's {@code /dev/kmsg} under
 * the root, or a log file ({@code --kmsg.path}). Each read returns the whole ring buffer (or the
 * file's tail), so new lines are told from old ones by comparing the Xid lines with the previous
 * read's: kmsg and dmesg lines carry a sequence number or timestamp, which makes each one unique.
 * The first read only notes what the log already holds, since counts start with the daemon.
 */
final class KernelLogXids {

    private static final Logger LOG = LoggerFactory.getLogger(KernelLogXids.class);
    private static final String KMSG = "/dev/kmsg";
    /** Enough for every recent line; the whole log is read every cycle while this source is in use. */
    private static final int TAIL_BYTES = 1 << 20;
    private static final KmsgReader.Limits LIMITS = new KmsgReader.Limits(100_000, 16L << 20, Duration.ofMillis(500));

    private final HostPaths paths;
    private final Optional<Path> file;
    private Optional<Map<String, Integer>> previous = Optional.empty();
    private String problem = "";

    /** @param file a kernel log file to read instead of the host's {@code /dev/kmsg} */
    KernelLogXids(HostPaths paths, Optional<Path> file) {
        this.paths = paths;
        this.file = file;
    }

    /** The Xid records logged since the previous call, oldest first; none at the first call. */
    List<XidRecord> newRecords() {
        Optional<List<String>> lines = xidLines();
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> before = previous.orElse(null);
        Map<String, Integer> seen = new HashMap<>();
        List<XidRecord> fresh = new ArrayList<>();
        for (String line : lines.get()) {
            int occurrence = seen.merge(line, 1, Integer::sum);
            if (before != null && occurrence > before.getOrDefault(line, 0)) {
                fresh.addAll(KernelLogEvents.parse(line).xids());
            }
        }
        previous = Optional.of(seen);
        return fresh;
    }

    /** Forgets what was read: the next call notes the log anew, counting nothing. */
    void forget() {
        previous = Optional.empty();
    }

    private Optional<List<String>> xidLines() {
        try {
            List<String> lines = read().stream().filter(l -> l.contains("Xid")).toList();
            problem = "";
            return Optional.of(lines);
        } catch (ClosedByInterruptException e) {
            // The daemon is stopping (its threads are interrupted), not the log failing: nothing to warn about.
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException e) {
            String now = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!now.equals(problem)) {
                LOG.warn("kernel log not readable for Xid counts: {}", now);
            }
            problem = now;
            return Optional.empty();
        }
    }

    private List<String> read() throws IOException {
        Path log = file.orElseGet(() -> paths.resolve(KMSG));
        if (Files.isRegularFile(log)) {
            return List.of(LogFileTail.read(log, TAIL_BYTES).split("\r?\n"));
        }
        if (file.isPresent() || !Files.exists(log)) {
            throw new IOException(log + ": no such file");
        }
        return KmsgReader.read(log, LIMITS);
    }
}
