package io.gpudoctor.agent.serve;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any serve config file: overrides or a {@link ConfigFileException} naming the file, never another
 * exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class ServeConfigFileFuzzTest {

    @FuzzTest
    void any_serve_config_is_parsed_or_refused_with_a_config_file_error(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            ServeConfigFile.parse(text, "/etc/gpu-doctor/config.yml");
        } catch (ConfigFileException e) {
            assertThat(e.getMessage()).startsWith("/etc/gpu-doctor/config.yml");
        }
    }
}
