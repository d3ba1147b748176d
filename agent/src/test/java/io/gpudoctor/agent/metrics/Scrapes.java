package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expositions pinned for tests (fixed clock and version), and the series read back from a scrape. */
final class Scrapes {

    /** The version every test exposition reports, so golden files do not change with releases. */
    static final String VERSION = "0.0.0-test";

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Scrapes() {
    }

    static PrometheusExposition exposition(Supplier<NodeState> state) {
        return new PrometheusExposition(state, VERSION, Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC));
    }

    /** The Prometheus text of one scrape of {@code state}. */
    static String text(NodeState state) {
        return exposition(() -> state).scrape("").body();
    }

    /**
     * The scrape without the test JVM's own families ({@code process_*}, {@code jvm_*}), whose values
     * differ from run to run: what a golden file can pin.
     */
    static String withoutSelf(String body) {
        StringBuilder kept = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            String name = line.startsWith("# ") ? line.split(" ", 4)[Math.min(2, line.split(" ").length - 1)] : line;
            if (!name.startsWith("process_") && !name.startsWith("jvm_")) {
                kept.append(line).append('\n');
            }
        }
        return kept.substring(0, kept.length() - 1);
    }

    /** Every series of a scrape, in order. */
    static List<Series> series(String body) {
        List<Series> all = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String id = line.substring(0, space);
            int brace = id.indexOf('{');
            String name = brace < 0 ? id : id.substring(0, brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                Matcher m = LABEL.matcher(id.substring(brace));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            all.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return all;
    }

    /** The series of {@code name} whose labels include {@code labels}. */
    static List<Series> series(String body, String name, Map<String, String> labels) {
        return series(body).stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** One series as exposed. */
    record Series(String name, Map<String, String> labels, double value) {
    }
}
