package io.gpudoctor.agent.container.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls a CUDA version out of the places a container states it: the toolkit's
 * {@code version.json} ({@code {"cuda":{"version":"12.4.1"}}}, possibly with a date suffix),
 * {@code version.txt} ({@code CUDA Version 11.8.0}), {@code CUDA_VERSION} and
 * {@code NVIDIA_REQUIRE_CUDA} ({@code cuda>=12.8 brand=tesla,...}). Pure functions.
 */
public final class CudaVersionParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEADING_VERSION = Pattern.compile("^\\s*v?(\\d{1,3}\\.\\d{1,4}(?:\\.\\d{1,4})?)");
    private static final Pattern TEXT_FILE = Pattern.compile("CUDA Version\\s+(\\d{1,3}\\.\\d{1,4}(?:\\.\\d{1,4})?)");
    private static final Pattern REQUIRE = Pattern.compile("(?:^|\\s)cuda>=(\\d{1,3}\\.\\d{1,4}(?:\\.\\d{1,4})?)");

    private CudaVersionParser() {
    }

    /** The version in a toolkit {@code version.json}. */
    public static Optional<String> fromVersionJson(String json) {
        try {
            JsonNode version = JSON.readTree(json).path("cuda").path("version");
            return version.isTextual() ? leading(version.asText()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The version in a toolkit {@code version.txt}. */
    public static Optional<String> fromVersionTxt(String text) {
        Matcher m = TEXT_FILE.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The version in {@code CUDA_VERSION} ({@code 12.4.1}). */
    public static Optional<String> fromCudaVersionVariable(String value) {
        return leading(value);
    }

    /** The lowest CUDA version {@code NVIDIA_REQUIRE_CUDA} asks for. */
    public static Optional<String> fromRequireCuda(String value) {
        Matcher m = REQUIRE.matcher(value);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> leading(String text) {
        Matcher m = LEADING_VERSION.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
