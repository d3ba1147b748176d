package io.gpudoctor.agent.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gpudoctor.agent.json.YamlProblems;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads serve's YAML config file ({@code --config}). Its keys are the settings' names split at the
 * dots ({@link Setting}), so {@code --collect.interval 10s} and
 * <pre>
 * collect:
 *   interval: 10s
 * </pre>
 * mean the same. Unknown keys are errors, not ignored: a misspelt key would otherwise silently
 * leave a default in force. A key without a value leaves its setting to the default.
 */
public final class ServeConfigFile {

    /** Larger than any sensible config file; a bigger one is refused rather than read into memory. */
    static final long MAX_BYTES = 256 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ServeConfigFile() {
    }

    /** Reads and parses {@code file}: the values it gives, by setting. */
    public static Map<Setting<?>, Object> read(Path file) throws ConfigFileException {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigFileException(file + ": no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigFileException(file + ": larger than " + MAX_BYTES / 1024 + " KiB; is it the right file?");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param source the file's name, for messages
     */
    public static Map<Setting<?>, Object> parse(String text, String source) throws ConfigFileException {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null || first == JsonToken.VALUE_NULL
                        || first == JsonToken.VALUE_STRING && parser.getText().isBlank()) {
                    // Empty, or comments only (after a `---`, as the packaged file ships): every setting stays at its default.
                    return Map.of();
                }
                if (first != JsonToken.START_OBJECT) {
                    throw problem(source, parser, "expected keys such as 'collect:', not a single value or a list");
                }
                readMapping(parser, "", source, values);
            } catch (JsonProcessingException e) {
                throw new ConfigFileException(source + YamlProblems.position(e, parser, text) + ": "
                        + YamlProblems.describe(e), e);
            }
        } catch (IOException e) {
            throw new ConfigFileException(source + ": cannot read: " + e.getMessage(), e);
        }
        return values;
    }

    private static void readMapping(JsonParser parser, String prefix, String source, Map<Setting<?>, Object> values)
            throws IOException, ConfigFileException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            JsonToken value = parser.nextToken();
            Optional<Setting<?>> setting = ServeSettings.named(name);
            if (setting.isPresent()) {
                readValue(parser, value, setting.get(), source, values);
            } else if (value == JsonToken.START_OBJECT && isSection(name)) {
                readMapping(parser, name + ".", source, values);
            } else {
                throw new ConfigFileException(source + position(at) + ": unknown key '" + name + "'; known keys: "
                        + known(prefix));
            }
        }
    }

    private static void readValue(JsonParser parser, JsonToken value, Setting<?> setting, String source,
                                  Map<Setting<?>, Object> values) throws IOException, ConfigFileException {
        if (value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_STRING && parser.getText().isBlank()) {
            return;
        }
        boolean scalar = switch (setting.yaml()) {
            case TEXT -> value == JsonToken.VALUE_STRING || value.isNumeric();
            case INTEGER -> value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING;
            case BOOLEAN -> value.isBoolean() || value == JsonToken.VALUE_STRING;
        };
        if (!scalar) {
            throw problem(source, parser, setting.name() + ": expected " + switch (setting.yaml()) {
                case TEXT -> "a value";
                case INTEGER -> "a whole number";
                case BOOLEAN -> "true or false";
            });
        }
        try {
            values.put(setting, setting.parse(parser.getText()));
        } catch (IllegalArgumentException e) {
            throw new ConfigFileException(source + position(parser.currentTokenLocation()) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSection(String name) {
        return ServeSettings.ALL.stream().anyMatch(s -> s.name().startsWith(name + "."))
                || ServeSettings.FORMER_NAMES.keySet().stream().anyMatch(n -> n.startsWith(name + "."));
    }

    /** The keys that may follow {@code prefix}. */
    private static String known(String prefix) {
        return ServeSettings.ALL.stream().map(Setting::name).filter(n -> n.startsWith(prefix))
                .map(n -> n.substring(prefix.length()).split("\\.")[0]).distinct().sorted()
                .collect(Collectors.joining(", "));
    }

    private static ConfigFileException problem(String source, JsonParser parser, String message) {
        return new ConfigFileException(source + position(parser.currentTokenLocation()) + ": " + message);
    }

    private static String position(JsonLocation at) {
        return at == null || at.getLineNr() <= 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
    }
}
