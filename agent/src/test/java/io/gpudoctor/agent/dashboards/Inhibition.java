package io.gpudoctor.agent.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped Alertmanager inhibition rules ({@code dashboards/alertmanager/inhibit-rules.yml})
 * applied as Alertmanager applies them to a set of active alerts: a target alert is muted while an
 * alert matching a rule's source matchers has the same values of the rule's {@code equal} labels
 * (a label missing on both counts as equal). Alertmanager cannot be asked this for pending
 * alerts, so the tests evaluate the file here.
 */
final class Inhibition {

    static final Path FILE = DashboardFiles.ROOT.resolve("alertmanager/inhibit-rules.yml");

    private static final Pattern MATCHER = Pattern.compile("\\s*(\\w+)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

    /** One matcher as Alertmanager writes it: {@code name="value"}, {@code name=~"regex"}, … */
    record LabelMatcher(String name, String op, String value) {

        static LabelMatcher parse(String text) {
            Matcher m = MATCHER.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a matcher: " + text);
            }
            return new LabelMatcher(m.group(1), m.group(2), m.group(3));
        }

        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(name, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> actual.matches(value);
                case "!~" -> !actual.matches(value);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    /** One inhibition rule. */
    record Rule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

        boolean mutes(Map<String, String> target, Map<String, String> source) {
            return this.target.stream().allMatch(m -> m.matches(target))
                    && this.source.stream().allMatch(m -> m.matches(source))
                    && equal.stream().allMatch(l -> target.getOrDefault(l, "").equals(source.getOrDefault(l, "")));
        }
    }

    private Inhibition() {
    }

    static List<Rule> rules() {
        try {
            JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
            List<Rule> rules = new ArrayList<>();
            file.path("inhibit_rules").forEach(r -> rules.add(new Rule(matchers(r.path("source_matchers")),
                    matchers(r.path("target_matchers")), strings(r.path("equal")))));
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alerts of {@code active} that no other active alert mutes: what reaches a receiver. */
    static List<Map<String, String>> unmuted(List<Map<String, String>> active) {
        List<Rule> rules = rules();
        return active.stream().filter(target -> active.stream().filter(source -> source != target)
                .noneMatch(source -> rules.stream().anyMatch(r -> r.mutes(target, source)))).toList();
    }

    private static List<LabelMatcher> matchers(JsonNode list) {
        List<LabelMatcher> matchers = new ArrayList<>();
        list.forEach(m -> matchers.add(LabelMatcher.parse(m.asText())));
        return matchers;
    }

    private static List<String> strings(JsonNode list) {
        List<String> strings = new ArrayList<>();
        list.forEach(s -> strings.add(s.asText()));
        return strings;
    }
}
