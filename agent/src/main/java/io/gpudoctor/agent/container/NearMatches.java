package io.gpudoctor.agent.container;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Pure: which known names a mistyped REF may have meant, by shared prefix or a small edit distance. */
final class NearMatches {

    /** A message lists no more: past a handful, suggestions stop helping. */
    static final int MAX = 5;

    private NearMatches() {
    }

    /** The candidates near {@code ref}, nearest first, at most {@link #MAX}. */
    static List<String> of(String ref, Collection<String> candidates) {
        int allowed = ref.length() < 4 ? 1 : ref.length() < 8 ? 2 : 3;
        return candidates.stream().distinct()
                .filter(c -> !c.equals(ref))
                .map(c -> new Scored(c, score(ref, c, allowed)))
                .filter(s -> s.score() >= 0)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::candidate))
                .limit(MAX).map(Scored::candidate).toList();
    }

    /** 0 for a shared prefix, else the edit distance when within {@code allowed}, else -1. */
    private static int score(String ref, String candidate, int allowed) {
        if (ref.length() >= 3 && (candidate.startsWith(ref) || ref.startsWith(candidate) && candidate.length() >= 3)) {
            return 0;
        }
        if (Math.abs(ref.length() - candidate.length()) > allowed) {
            return -1;
        }
        int distance = editDistance(ref, candidate);
        return distance <= allowed ? distance : -1;
    }

    /** Levenshtein distance; both strings are bounded (REFs by the parser, names by the runtimes). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Scored(String candidate, int score) {
    }
}
