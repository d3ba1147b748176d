package io.gpudoctor.agent.host.realconfigs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real-world host situation of the corpus gets its verdict: ok when healthy, the finding of its cause when not. */
class RealConfigHostsTest {

    @TempDir
    Path root;

    static Stream<RealConfigScenarios.Scenario> scenarios() {
        return RealConfigScenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachHostGetsTheVerdictOfItsRealConfiguration(RealConfigScenarios.Scenario scenario) {
        assertThat(scenario.host(root).verdict()).as(scenario.situation()).isEqualTo(scenario.verdict());
    }
}
