package io.gpudoctor.agent.container;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code /proc/<pid>/cgroup} content: a container or none, never an exception. The committed
 * inputs run as regression tests; {@code scripts/fuzz.sh} fuzzes.
 */
@Tag("fuzz")
class CgroupPathParserFuzzTest {

    @FuzzTest
    void any_cgroup_file_yields_a_container_or_none(FuzzedDataProvider data) {
        String content = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        CgroupPathParser.parse(content).ifPresent(membership -> assertThat(membership.containerId()).matches("[0-9a-f]{64}"));
    }
}
