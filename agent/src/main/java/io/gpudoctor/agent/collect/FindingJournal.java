package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the journal tell the node's story: one INFO line when a finding appears and one when it
 * clears, with its code, severity, where (the host or which container) and its title; nothing for
 * the cycles in between. A finding that flaps gets at most two INFO lines (an appearance and a
 * clearing) per {@link #QUIET}: further changes go to DEBUG and the next INFO line says how many
 * there were, so a flapping check cannot flood the journal.
 */
final class FindingJournal {

    /** The least time between two INFO lines about the same finding. */
    static final Duration QUIET = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(FindingJournal.class);

    private final Clock clock;
    /** The active findings at the last look, by key, with the text to log when they clear. */
    private Map<String, String> active = Map.of();
    /** By finding, when it was last logged at INFO, within the last {@link #QUIET}. */
    private final Map<String, List<Instant>> lastLogged = new HashMap<>();
    private final Map<String, Integer> unlogged = new HashMap<>();

    FindingJournal(Clock clock) {
        this.clock = clock;
    }

    /** Logs the findings of {@code state} that appeared or cleared since the last call. */
    void observe(NodeState state) {
        Map<String, String> now = new LinkedHashMap<>();
        state.host().map(Diagnosis::findings).ifPresent(fs -> fs.forEach(f ->
                now.putIfAbsent(key("host", f), describe(f, "on the host"))));
        for (ContainerFindings c : state.containers()) {
            String where = "in container " + name(c.container());
            c.findings().forEach(f -> now.putIfAbsent(key(c.container().id(), f), describe(f, where)));
        }
        now.forEach((key, text) -> {
            if (!active.containsKey(key)) {
                log(key, "finding appeared: " + text);
            }
        });
        active.forEach((key, text) -> {
            if (!now.containsKey(key)) {
                log(key, "finding cleared: " + text);
            }
        });
        active = now;
    }

    private void log(String key, String line) {
        Instant at = clock.instant();
        List<Instant> logged = lastLogged.computeIfAbsent(key, k -> new ArrayList<>());
        logged.removeIf(t -> Duration.between(t, at).compareTo(QUIET) >= 0);
        if (logged.size() >= 2) {
            unlogged.merge(key, 1, Integer::sum);
            LOG.debug("{}", line);
            return;
        }
        int skipped = unlogged.getOrDefault(key, 0);
        unlogged.remove(key);
        logged.add(at);
        LOG.info("{}{}", line, skipped == 0 ? "" : " (after " + skipped + " more change(s) in the last "
                + QUIET.toMinutes() + " min, logged at debug level)");
    }

    /** Title text can carry counts that change from cycle to cycle; the key is what the finding is about. */
    private static String key(String subject, Finding f) {
        return subject + " " + f.code().name() + " " + f.severity().label();
    }

    private static String describe(Finding f, String where) {
        return f.code().name() + " (" + f.severity().label() + ") " + where + ": " + f.title();
    }

    private static String name(WorkloadContainer c) {
        return c.name().map(n -> n + " (" + c.shortId() + ")").orElse(c.shortId());
    }
}
