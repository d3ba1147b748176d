package io.gpudoctor.agent.simulate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code scenario.yaml} in a user's scenario folder: a scenario or a {@link ScenarioException}
 * naming the file, never another exception (a fuzz test fails on any exception its target throws).
 * The loader reads a folder, so each input is written to one.
 */
@Tag("fuzz")
class ScenarioLoaderFuzzTest {

    private static Path folder;

    @BeforeAll
    static void createFolder() throws IOException {
        folder = Files.createTempDirectory("scenario-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        Files.deleteIfExists(folder.resolve(ScenarioLoader.SCENARIO_FILE));
        Files.delete(folder);
    }

    @FuzzTest
    void any_scenario_file_loads_or_is_refused_with_a_scenario_error(FuzzedDataProvider data) throws IOException {
        Files.write(folder.resolve(ScenarioLoader.SCENARIO_FILE), data.consumeRemainingAsBytes());
        try {
            ScenarioLoader.load(folder.toString());
        } catch (ScenarioException e) {
            assertThat(e.source()).endsWith(ScenarioLoader.SCENARIO_FILE);
        }
    }
}
