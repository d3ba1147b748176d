package io.gpudoctor.agent.host.docker;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gpudoctor.agent.host.runtime.ParseResult;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any content of Docker's daemon.json: a configuration, possibly with problems, or the problem that stopped the
 * parser; never an exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class DaemonConfigParserFuzzTest {

    @FuzzTest
    void any_daemon_json_yields_a_config_or_problems(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        ParseResult<DaemonConfig> result = DaemonConfigParser.parse("/etc/docker/daemon.json", text);

        assertThat(result.value().isPresent() || !result.problems().isEmpty()).isTrue();
    }
}
