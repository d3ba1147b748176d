package io.gpudoctor.agent.simulate;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gpudoctor.agent.json.YamlProblems;
import io.gpudoctor.simulate.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the scenario {@code --simulate NAME|DIR} names: one shipped in the jar, or a user's folder
 * holding {@code scenario.yaml} and, optionally, {@code root/}, a host root tree. A shipped
 * scenario's {@code root/} is listed in its {@code root.index} and extracted to a temporary folder
 * (see {@link NamedHostRoot}). An argument
 * with a slash, or one that is no shipped name, is a folder; {@code ./dgx-h100} reaches a folder
 * that shares a shipped scenario's name. The file format is documented in the README beside the
 * shipped scenarios.
 */
public final class ScenarioLoader {

    /** The scenario's file inside its folder. */
    public static final String SCENARIO_FILE = "scenario.yaml";

    /** The host root tree inside a scenario's folder. */
    public static final String HOST_ROOT = "root";

    private static final String NAMED_BASE = "/io/gpudoctor/agent/scenarios/";
    private static final String NAMED_INDEX = NAMED_BASE + "index.txt";

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(ScalarValues.module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(Set.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .build();

    private ScenarioLoader() {
    }

    /**
     * @param nameOrDir a name from {@link #namedScenarios()}, a folder holding {@code scenario.yaml},
     *                  or that file itself
     */
    public static LoadedScenario load(String nameOrDir) throws ScenarioException {
        if (!nameOrDir.contains("/") && namedScenarios().contains(nameOrDir)) {
            return new LoadedScenario(loadNamed(nameOrDir), NamedHostRoot.extract(nameOrDir, NAMED_BASE + nameOrDir + "/"));
        }
        return loadDirectory(Path.of(nameOrDir));
    }

    /** The scenarios shipped in the jar, in the order the index lists them. */
    public static List<String> namedScenarios() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(NAMED_INDEX)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + NAMED_INDEX);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + NAMED_INDEX, e);
        }
    }

    private static Scenario loadNamed(String name) throws ScenarioException {
        String resource = NAMED_BASE + name + "/" + SCENARIO_FILE;
        String source = "classpath:" + resource;
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(source, "listed in " + NAMED_INDEX + " but not in the jar");
            }
            return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ScenarioException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private static LoadedScenario loadDirectory(Path given) throws ScenarioException {
        Path dir = Files.isRegularFile(given) ? given.toAbsolutePath().getParent() : given;
        Path file = Files.isRegularFile(given) ? given : given.resolve(SCENARIO_FILE);
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException(given.toString(), "no such scenario: neither a folder nor one of the named "
                    + "scenarios (" + String.join(", ", namedScenarios()) + ")");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "no such file; a scenario folder holds " + SCENARIO_FILE, e);
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file.toString(), "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        Scenario scenario = parse(file.toString(), text, fileName == null ? "scenario" : fileName.toString());
        Path root = dir.resolve(HOST_ROOT);
        return new LoadedScenario(scenario, Files.isDirectory(root) ? Optional.of(root.toAbsolutePath()) : Optional.empty());
    }

    private static Scenario parse(String source, String text, String defaultName) throws ScenarioException {
        if (text.isBlank()) {
            throw new ScenarioException(source, "the file is empty");
        }
        ScenarioDocument doc;
        try (JsonParser parser = MAPPER.createParser(text)) {
            try {
                doc = MAPPER.readValue(parser, ScenarioDocument.class);
            } catch (JsonProcessingException e) {
                throw new ScenarioException(source, YamlProblems.position(e, parser, text), YamlProblems.describe(e), e);
            }
        } catch (IOException e) {
            throw new ScenarioException(source, "cannot read: " + e.getMessage(), e);
        }
        try {
            return ScenarioAssembler.assemble(doc, defaultName);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source, e.getMessage(), e);
        }
    }
}
