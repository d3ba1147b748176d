package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.SettingOrigin;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gpus.expected}: the GPUs the node should have, from the YAML file or a flag, held to 0..64. */
class GpusExpectedSettingTest {

    @Test
    void theYamlKeyGpusExpectedGivesTheCount() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("gpus:\n  expected: 8\n", "serve.yml"))
                .containsEntry(ServeSettings.GPUS_EXPECTED, 8);
    }

    @Test
    void theFlagsTextGivesTheCount() {
        assertThat(ServeSettings.GPUS_EXPECTED.parse("8")).isEqualTo(8);
    }

    @Test
    void itIsUnsetByDefault() {
        assertThat(ServeSettings.defaults().find(ServeSettings.GPUS_EXPECTED)).isEmpty();
    }

    @Test
    void aCountAboveSixtyFourIsRefusedWithItsRange() {
        assertThatThrownBy(() -> ServeSettings.GPUS_EXPECTED.parse("65"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gpus.expected must be between 0 and 64, not 65");
    }

    @Test
    void aNegativeCountIsRefusedWithItsRange() {
        assertThatThrownBy(() -> ServeSettings.GPUS_EXPECTED.parse("-1"))
                .hasMessage("gpus.expected must be between 0 and 64, not -1");
    }

    @Test
    void aYamlValueThatIsNotAWholeNumberIsAnErrorNamingTheFileAndKey() {
        assertThatThrownBy(() -> ServeConfigFile.parse("gpus:\n  expected: eight\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("serve.yml").hasMessageContaining("gpus.expected")
                .hasMessageContaining("'eight' is not a whole number");
    }

    @Test
    void aValueFromTheConfigFileIsDescribedWithTheFile() throws ConfigFileException {
        ServeSettings s = ServeSettings.defaults().with(ServeConfigFile.parse("gpus:\n  expected: 8\n", "serve.yml"),
                new SettingOrigin.ConfigFile(Path.of("/etc/gpu-doctor/config.yml")));

        assertThat(s.describe(ServeSettings.GPUS_EXPECTED))
                .contains("gpus.expected: 8 (config file /etc/gpu-doctor/config.yml)");
    }

    @Test
    void aFlagOverridingTheFileIsDescribedAsTheFlag() throws ConfigFileException {
        ServeSettings s = ServeSettings.defaults()
                .with(ServeConfigFile.parse("gpus:\n  expected: 4\n", "serve.yml"),
                        new SettingOrigin.ConfigFile(Path.of("/etc/gpu-doctor/config.yml")))
                .with(Map.of(ServeSettings.GPUS_EXPECTED, 8), new SettingOrigin.Flag("serve"));

        assertThat(s.describe(ServeSettings.GPUS_EXPECTED)).contains("--gpus.expected=8 (serve flag)");
    }

    @Test
    void aSettingAtItsDefaultIsNotDescribedAsGiven() {
        assertThat(ServeSettings.defaults().describe(ServeSettings.COLLECT_INTERVAL)).isEmpty();
    }
}
