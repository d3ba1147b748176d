package io.gpudoctor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.serve.ServeConfigFile;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package's /etc/gpu-doctor/config.yml (packaging/config.yml) against serve's own parser: as
 * shipped it changes nothing, and with its keys uncommented it still parses (every key name is
 * real), names every setting a node would set, and states the defaults serve really has, except
 * for its example paths.
 */
class ShippedConfigTest {

    private static final Path SHIPPED = Path.of("config.yml");

    /** The values the file shows as examples rather than defaults (these settings have none). */
    private static final Map<Setting<?>, Object> EXAMPLES = Map.of(
            ServeSettings.WEB_CONFIG_FILE, Path.of("/etc/gpu-doctor/web-config.yml"),
            ServeSettings.NVML_LIBRARY, LibraryChoice.parse("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"),
            ServeSettings.CUDA_LIBRARY, LibraryChoice.parse("/usr/lib/x86_64-linux-gnu/libcuda.so.1"),
            ServeSettings.KMSG_PATH, Path.of("/var/log/kern.log"),
            ServeSettings.GPUS_EXPECTED, 8);

    @Test
    void asShippedItChangesNothing() throws Exception {
        assertThat(ServeConfigFile.read(SHIPPED)).isEmpty();
    }

    @Test
    void uncommentedItStatesTheDefaultsAndItsExamples() throws Exception {
        Map<Setting<?>, Object> given = ServeConfigFile.parse(uncommented(Files.readAllLines(SHIPPED)),
                SHIPPED + " (uncommented)");

        assertThat(given).containsAllEntriesOf(EXAMPLES);
        given.forEach((setting, value) -> {
            if (!EXAMPLES.containsKey(setting)) {
                assertThat(value).as(setting.name()).isEqualTo(setting.fallback().orElseThrow());
            }
        });
    }

    @Test
    void itNamesEverySettingButTheSimulator() throws Exception {
        Map<Setting<?>, Object> given = ServeConfigFile.parse(uncommented(Files.readAllLines(SHIPPED)),
                SHIPPED + " (uncommented)");

        assertThat(given.keySet()).containsAll(ServeSettings.ALL.stream()
                .filter(s -> s != ServeSettings.SIMULATE).toList());
    }

    /** The key block (after the header's blank line) with one "# " taken off each line. */
    private static String uncommented(List<String> lines) {
        int firstBlank = lines.indexOf("");
        assertThat(firstBlank).as("a blank line ends the header").isPositive();
        StringBuilder yaml = new StringBuilder();
        for (String line : lines.subList(firstBlank + 1, lines.size())) {
            assertThat(line).as("every line of the key block is commented out").startsWith("#");
            yaml.append(line.startsWith("# ") ? line.substring(2) : line.substring(1)).append('\n');
        }
        return yaml.toString();
    }
}
