package io.gpudoctor.agent.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gpudoctor.locate.LdSoCache;
import java.nio.file.Path;

/**
 * The one JSON configuration of every document gpu-doctor writes: empty Optionals as
 * {@code null}, paths as plain strings, and the native-bindings records shaped for readers
 * (that module has no Jackson of its own).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("gpu-doctor-paths").addSerializer(Path.class, ToStringSerializer.instance))
            .addMixIn(LdSoCache.class, LdSoCacheMixIn.class)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed JSON of a document made of records, lists, maps and Optionals. */
    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The loader cache's entries are hundreds of unrelated libraries: only its state is shown. */
    @JsonIgnoreProperties({"entries"})
    private abstract static class LdSoCacheMixIn {
    }
}
