package io.gpudoctor.agent.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gpudoctor.agent.json.YamlProblems;
import io.gpudoctor.agent.metrics.MetricsCompat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads serve's YAML config file ({@code --config}). Its keys are the flags' names split at the
 * dot, so {@code --collect.interval 10s} and
 * <pre>
 * collect:
 *   interval: 10s
 * </pre>
 * mean the same. Unknown keys are errors, not ignored: a misspelt key would otherwise silently
 * leave a default in force.
 */
public final class ServeConfigFile {

    /** Larger than any sensible config file; a bigger one is refused rather than read into memory. */
    static final long MAX_BYTES = 256 * 1024;

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .addModule(new Jdk8Module())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ServeConfigFile() {
    }

    /** Reads and parses {@code file}. */
    public static ServeOverrides read(Path file) throws ConfigFileException {
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
    public static ServeOverrides parse(String text, String source) throws ConfigFileException {
        if (text.isBlank()) {
            return ServeOverrides.NONE;
        }
        Document doc;
        try (JsonParser parser = MAPPER.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    // Comments only, as the packaged file ships: every setting stays at its default.
                    return ServeOverrides.NONE;
                }
                doc = MAPPER.readValue(parser, Document.class);
            } catch (JsonProcessingException e) {
                throw new ConfigFileException(source + YamlProblems.position(e, parser, text) + ": "
                        + YamlProblems.describe(e), e);
            }
        } catch (IOException e) {
            throw new ConfigFileException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (doc == null) {
            return ServeOverrides.NONE;
        }
        try {
            return doc.overrides();
        } catch (IllegalArgumentException e) {
            throw new ConfigFileException(source + ": " + e.getMessage(), e);
        }
    }

    private record Document(Optional<Web> web, Optional<Paths> path, Optional<Library> nvml, Optional<Library> cuda,
                            Optional<Collect> collect, Optional<Diagnose> diagnose,
                            Optional<Containers> containers, Optional<Kmsg> kmsg,
                            Optional<String> simulate, Optional<Log> log, Optional<Metrics> metrics) {

        ServeOverrides overrides() {
            Optional<Collect> c = collect;
            return new ServeOverrides(
                    web.flatMap(Web::listenAddress),
                    web.flatMap(Web::configFile).map(Path::of),
                    path.flatMap(Paths::rootfs).map(Path::of),
                    nvml.flatMap(Library::library),
                    cuda.flatMap(Library::library),
                    simulate,
                    c.flatMap(Collect::interval).map(v -> duration("collect.interval", v)),
                    c.flatMap(Collect::callTimeout).map(v -> duration("collect.call-timeout", v)),
                    c.flatMap(Collect::topProcesses),
                    diagnose.flatMap(Diagnose::interval).map(v -> duration("diagnose.interval", v)),
                    containers.flatMap(Containers::rediagnoseInterval)
                            .map(v -> duration("containers.rediagnose-interval", v)),
                    kmsg.flatMap(Kmsg::path).map(Path::of),
                    web.flatMap(Web::maxRequestsInFlight),
                    log.flatMap(Log::level),
                    web.flatMap(Web::loopbackWithoutAuth),
                    metrics.flatMap(Metrics::compat).map(MetricsCompat::parse));
        }

        private static Duration duration(String key, String value) {
            try {
                return DurationText.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
    }

    private record Web(@JsonProperty("listen-address") Optional<String> listenAddress,
                       @JsonProperty("config-file") Optional<String> configFile,
                       @JsonProperty("max-requests-in-flight") Optional<Integer> maxRequestsInFlight,
                       @JsonProperty("loopback-without-auth") Optional<Boolean> loopbackWithoutAuth) {
    }

    private record Paths(Optional<String> rootfs) {
    }

    private record Library(Optional<String> library) {
    }

    private record Collect(Optional<String> interval, @JsonProperty("call-timeout") Optional<String> callTimeout,
                           @JsonProperty("top-processes") Optional<Integer> topProcesses) {
    }

    private record Diagnose(Optional<String> interval) {
    }

    private record Containers(@JsonProperty("rediagnose-interval") Optional<String> rediagnoseInterval) {
    }

    private record Kmsg(Optional<String> path) {
    }

    private record Log(Optional<String> level) {
    }

    private record Metrics(Optional<String> compat) {
    }
}
