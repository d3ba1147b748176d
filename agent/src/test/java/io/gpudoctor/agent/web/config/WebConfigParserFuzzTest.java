package io.gpudoctor.agent.web.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any web config file: a {@link WebConfig} or a {@link WebConfigException} with a one-line message,
 * never another exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class WebConfigParserFuzzTest {

    @FuzzTest
    void any_web_config_is_parsed_or_refused_with_a_web_config_error(FuzzedDataProvider data) {
        String yaml = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            WebConfigParser.parse(yaml, Path.of("/etc/gpu-doctor"));
        } catch (WebConfigException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
