package io.gpudoctor.agent.web.routes;

import io.gpudoctor.agent.web.api.ApiException;
import io.gpudoctor.agent.web.api.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A route's query parameters, checked: only the ones it knows, each at most once. */
public final class QueryParameters {

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @throws ApiException 400 for an unknown or repeated parameter
     */
    public static QueryParameters of(Map<String, List<String>> parameters, Set<String> known) {
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "unknown query parameter \"" + shown(entry.getKey())
                        + "\"; this path takes " + String.join(", ", known.stream().sorted().toList()));
            }
            if (entry.getValue().size() > 1) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "query parameter " + entry.getKey()
                        + " is given " + entry.getValue().size() + " times; give it once");
            }
        }
        return new QueryParameters(Map.copyOf(parameters));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).flatMap(v -> v.stream().findFirst());
    }

    private static String shown(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
