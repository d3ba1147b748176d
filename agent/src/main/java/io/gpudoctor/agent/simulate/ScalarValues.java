package io.gpudoctor.agent.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalars of a scenario file that are written as people write them ({@code 40GiB},
 * {@code 250ms}, {@code H100}, {@code GPU_IS_LOST}, {@code 12.4}) and the Jackson module that reads
 * them. Reading them inside Jackson, rather than afterwards, is what lets a bad value be reported
 * with its line and key.
 */
final class ScalarValues {

    /** A memory size in bytes. */
    record ByteSize(long bytes) {
    }

    /** A CUDA driver version as the driver API numbers it (12040). */
    record CudaVersionNumber(int value) {
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
    private static final Pattern CUDA_DOTTED = Pattern.compile("(\\d+)\\.(\\d)");

    private ScalarValues() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("gpu-doctor-scenario");
        module.addDeserializer(ByteSize.class, new TextDeserializer<>(ByteSize.class, ScalarValues::size));
        module.addDeserializer(CudaVersionNumber.class,
                new TextDeserializer<>(CudaVersionNumber.class, ScalarValues::cudaVersion));
        module.addDeserializer(Duration.class, new TextDeserializer<>(Duration.class, ScalarValues::duration));
        module.addDeserializer(GpuModel.class, new TextDeserializer<>(GpuModel.class, ScalarValues::model));
        module.addDeserializer(NvmlReturn.class, new TextDeserializer<>(NvmlReturn.class, ScalarValues::nvmlReturn));
        module.addDeserializer(CuResult.class, new TextDeserializer<>(CuResult.class, ScalarValues::cuResult));
        return module;
    }

    static ByteSize size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with B, KiB, MiB, GiB or TiB");
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return new ByteSize(value << shift);
    }

    static CudaVersionNumber cudaVersion(String text) {
        Matcher dotted = CUDA_DOTTED.matcher(text);
        if (dotted.matches()) {
            return new CudaVersionNumber(Integer.parseInt(dotted.group(1)) * 1000 + Integer.parseInt(dotted.group(2)) * 10);
        }
        if (text.matches("\\d{4,6}")) {
            return new CudaVersionNumber(Integer.parseInt(text));
        }
        throw new IllegalArgumentException("'" + text + "' is not a CUDA version; write 12.4 or 12040");
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 250ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    static GpuModel model(String text) {
        return GpuModel.find(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown GPU model '" + text + "'; known models: " + String.join(", ", GpuModel.keys())));
    }

    static NvmlReturn nvmlReturn(String text) {
        try {
            return NvmlReturn.fromName(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an NVML return code (e.g. GPU_IS_LOST, "
                    + "NVML_ERROR_DRIVER_NOT_LOADED)", e);
        }
    }

    static CuResult cuResult(String text) {
        String name = text.toUpperCase(Locale.ROOT);
        try {
            return name.equals("SUCCESS") ? CuResult.SUCCESS : CuResult.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CUresult (e.g. CUDA_SUCCESS, NO_DEVICE, "
                    + "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)", e);
        }
    }

    /** Reads a scalar as text and converts it; a conversion error becomes a mapping error at the value. */
    private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;

        private final transient Function<String, T> convert;

        TextDeserializer(Class<T> type, Function<String, T> convert) {
            super(type);
            this.convert = convert;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                throw JsonMappingException.from(p, "expected a single value, not " + describe(p));
            }
            try {
                return convert.apply(p.getValueAsString().trim());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }

        private static String describe(JsonParser p) {
            return p.currentToken() == JsonToken.START_ARRAY ? "a list" : "a mapping";
        }
    }
}
