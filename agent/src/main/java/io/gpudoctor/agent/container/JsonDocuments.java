package io.gpudoctor.agent.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.gpudoctor.agent.json.Json;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a runtime's JSON file to a record that declares only the fields gpu-doctor keeps: every
 * other field, the process environment above all, is skipped by the parser and never becomes a
 * Java string that could be kept or logged.
 */
final class JsonDocuments {

    private JsonDocuments() {
    }

    static <T> Optional<T> bind(String text, Class<T> type) {
        ObjectReader reader = Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return Optional.ofNullable(reader.readValue(text));
        } catch (JsonProcessingException | RuntimeException e) {
            // The exception's message may quote the file, so it is dropped: a broken file just has no names.
            return Optional.empty();
        }
    }

    /** A non-blank value of a map that JSON may have left null. */
    static Optional<String> value(Map<String, String> map, String key) {
        if (map == null) {
            return Optional.empty();
        }
        String value = map.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
