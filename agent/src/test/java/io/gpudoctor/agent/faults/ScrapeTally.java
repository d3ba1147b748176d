package io.gpudoctor.agent.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scrapers saw, added up per route (see {@link #route}): answers, those that were not 2xx by status and path,
 * the slowest answer per path, and the first few answers that were a server error or carried a
 * stack trace, to show in a failing assertion. Thread-safe.
 */
final class ScrapeTally {

    /** Stands for "no answer" (a timeout, a refused connection) among the statuses. */
    static final int NO_ANSWER = -1;
    private static final int KEPT_BAD_ANSWERS = 3;

    private final Map<String, Long> requests = new TreeMap<>();
    private final Map<String, Long> non2xx = new TreeMap<>();
    private final Map<String, Duration> slowest = new TreeMap<>();
    private final List<String> badAnswers = new ArrayList<>();

    synchronized void record(String path, Answer answer) {
        String route = route(path);
        requests.merge(route, 1L, Long::sum);
        slowest.merge(route, answer.latency(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (answer.status() / 100 != 2) {
            non2xx.merge(answer.status() + " " + route, 1L, Long::sum);
        }
        if ((answer.status() >= 500 && answer.status() != 503 || carriesStackTrace(answer.body()))
                && badAnswers.size() < KEPT_BAD_ANSWERS) {
            badAnswers.add(answer.status() + " " + path + ": " + answer.body().lines().limit(20).toList());
        }
    }

    synchronized void recordNoAnswer(String path, Exception why) {
        String route = route(path);
        requests.merge(route, 1L, Long::sum);
        non2xx.merge(NO_ANSWER + " " + route, 1L, Long::sum);
        if (badAnswers.size() < KEPT_BAD_ANSWERS) {
            badAnswers.add("no answer to " + path + ": " + why);
        }
    }

    synchronized long requests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long requests(String route) {
        return requests.getOrDefault(route, 0L);
    }

    /** Answers that were not 2xx, by {@code "STATUS /route"}; status {@value #NO_ANSWER} is no answer. */
    synchronized Map<String, Long> non2xx() {
        return Map.copyOf(non2xx);
    }

    /** Server errors other than 503, and bodies with a stack trace in them. */
    synchronized List<String> badAnswers() {
        return List.copyOf(badAnswers);
    }

    synchronized Duration slowest(String route) {
        return slowest.getOrDefault(route, Duration.ZERO);
    }

    /** Java stack frames, as plain text or inside a JSON string. */
    static boolean carriesStackTrace(String body) {
        return body.contains("\tat ") || body.contains("\\tat ") || body.contains("at java.base/")
                || body.contains("at io.gpudoctor.");
    }

    /** The path with its query's first parameter name and no value: {@code /diagnose?container}. */
    static String route(String path) {
        int value = path.indexOf('=');
        return value < 0 ? path : path.substring(0, value);
    }
}
