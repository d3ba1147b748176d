package io.gpudoctor.agent.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A data-center driver branch's place in NVIDIA's lifecycle [DRV]: long-term support, production or
 * new feature, and the month its support ends (new-feature branches may have none).
 */
public record DriverBranch(int branch, Designation designation, Optional<YearMonth> endOfLife, List<String> sources) {

    public DriverBranch {
        // Absent keys arrive as null from the YAML file.
        endOfLife = endOfLife == null ? Optional.empty() : endOfLife;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The kinds of branch in NVIDIA's data-center driver lifecycle. */
    public enum Designation {
        @JsonProperty("lts") LTS("long-term support"),
        @JsonProperty("production") PRODUCTION("production"),
        @JsonProperty("new-feature") NEW_FEATURE("new feature");

        private final String label;

        Designation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether support had ended by {@code month}: the end-of-life month itself still counts as supported. */
    public boolean endedBefore(YearMonth month) {
        return endOfLife.map(end -> end.isBefore(month)).orElse(false);
    }

    /** "R570 (production branch, end of life February 2026)". */
    public String describe() {
        return "R" + branch + " (" + designation.label() + " branch"
                + endOfLife.map(end -> ", end of life " + monthName(end)).orElse("") + ")";
    }

    static String monthName(YearMonth month) {
        String name = month.getMonth().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + month.getYear();
    }
}
