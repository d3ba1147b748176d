package io.gpudoctor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.serve.ServeConfigFile;
import io.gpudoctor.agent.serve.ServeOverrides;
import io.gpudoctor.agent.serve.ServeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The package's /etc/gpu-doctor/config.yml (packaging/config.yml) against serve's own parser: as
 * shipped it changes nothing, and with its keys uncommented it still parses (every key name is
 * real) and states the defaults serve really has, except for the three example paths.
 */
class ShippedConfigTest {

    private static final Path SHIPPED = Path.of("config.yml");

    @Test
    void asShippedItChangesNothing() throws Exception {
        ServeOverrides overrides = ServeConfigFile.read(SHIPPED);

        assertThat(ServeSettings.DEFAULTS.with(overrides)).isEqualTo(ServeSettings.DEFAULTS);
    }

    @Test
    void uncommentedItStatesTheDefaultsAndItsExamples() throws Exception {
        ServeSettings settings = ServeSettings.DEFAULTS.with(
                ServeConfigFile.parse(uncommented(Files.readAllLines(SHIPPED)), SHIPPED + " (uncommented)"));

        ServeSettings d = ServeSettings.DEFAULTS;
        assertThat(settings).isEqualTo(new ServeSettings(d.listenAddress(),
                Optional.of(Path.of("/etc/gpu-doctor/web-config.yml")), d.rootfs(),
                LibraryChoice.parse("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"),
                LibraryChoice.parse("/usr/lib/x86_64-linux-gnu/libcuda.so.1"), d.simulate(), d.collectInterval(),
                d.callTimeout(), d.topProcesses(), d.diagnoseInterval(), d.rediagnoseInterval(),
                Optional.of(Path.of("/var/log/kern.log")),
                d.maxRequestsInFlight(), d.logLevel(), d.loopbackWithoutAuth(), d.metricsCompat()));
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
