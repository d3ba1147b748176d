package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.settings.ServeSettings;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @Test
    void versionPrintsTheBuildVersion() {
        CliRun run = CliRun.of("version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gpu-doctor " + BuildInfo.version() + " (Java ");
        assertThat(BuildInfo.version()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "diagnose", "gpus", "compat", "version"})
    void everySubcommandPrintsItsUsageOnHelp(String subcommand) {
        CliRun run = CliRun.of(subcommand, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: gpu-doctor " + subcommand);
    }

    @Test
    void helpListsTheSubcommandsAndHelpOfASubcommandIsItsUsage() {
        assertThat(CliRun.of("help").out()).contains("diagnose").contains("gpus").contains("serve");
        CliRun diagnose = CliRun.of("help", "diagnose");

        assertThat(diagnose.exitCode()).isZero();
        assertThat(diagnose.out()).startsWith("Usage: gpu-doctor diagnose");
    }

    @Test
    void aMistypedSubcommandSuggestsTheOneMeant() {
        CliRun run = CliRun.of("diag");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean: gpu-doctor diagnose?");
    }

    @Test
    void aMistypedOptionSuggestsTheOneMeant() {
        CliRun run = CliRun.of("diagnose", "--containr", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--container");
    }

    @Test
    void helpListsTheShippedScenarios() {
        assertThat(CliRun.of("diagnose", "--help").out().replaceAll("\\s+", " "))
                .contains("Shipped: dgx-h100, workstation-rtx4090, broken-node, driver-mismatch.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpus", "diagnose", "compat", "serve"})
    void everyCommandTakesTheDriverFlagsWithTheirOneHelp(String command) {
        String help = CliRun.of(command, "--help").out().replaceAll("\\s+", "");

        assertThat(ServeSettings.DRIVER).allSatisfy(setting -> assertThat(help)
                .contains(setting.flag() + "=" + setting.label())
                .contains(SettingFlags.description(setting).replaceAll("\\s+", "")));
    }

    @Test
    void diagnoseTakesTheKernelLogAndExpectedGpuFlagsWithServesHelp() {
        String help = CliRun.of("diagnose", "--help").out().replaceAll("\\s+", "");

        assertThat(List.of(ServeSettings.KMSG_PATH, ServeSettings.GPUS_EXPECTED)).allSatisfy(setting ->
                assertThat(help).contains(SettingFlags.description(setting).replaceAll("\\s+", "")));
    }

    @Test
    void aOneShotCommandTakesTheDriverFlagsValues() {
        CliRun run = CliRun.of("gpus", "--path.rootfs", "/nonexistent-root", "--nvml.library", "none",
                "--cuda.library", "none");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("NVML was not loaded (--nvml.library none)");
    }

    @Test
    void serveHelpNeverBreaksAFlagAtItsDot() {
        String help = CliRun.of("serve", "--help").out();

        assertThat(help.lines()).noneMatch(line -> line.matches(".*--[a-z-]+\\.$"));
        assertThat(help).startsWith("Usage: gpu-doctor serve [OPTIONS]");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a subcommand is required").contains("gpus");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void serveWithAMissingConfigFileSaysSoInOneLineAndExitsTwo() {
        CliRun run = CliRun.of("serve", "--config", "/nonexistent/gpu-doctor.yml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gpu-doctor serve: /nonexistent/gpu-doctor.yml: no such file\n");
    }

    @Test
    void serveHelpListsEverySettingWithItsLabelAndDefaultFromItsOneDeclaration() {
        CliRun run = CliRun.of("serve", "--help");

        assertThat(ServeSettings.ALL).allSatisfy(setting -> assertThat(run.out()).containsPattern(
                "(?m)^ +" + Pattern.quote(setting.flag()) + "\\[?=" + Pattern.quote(setting.label())));
        assertThat(run.out()).contains("(default: 5s)").contains("(default: :9842)");
    }

    @Test
    void serveRefusesAnOutOfRangeFlagWithItsRule() {
        CliRun run = CliRun.of("serve", "--collect.interval", "1ms", "--simulate", "dgx-h100");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gpu-doctor serve: --collect.interval must be at least 100ms, not 1ms\n");
    }

    @Test
    void serveRefusesAnExpectedGpuCountOutOfRangeWithItsRange() {
        CliRun run = CliRun.of("serve", "--gpus.expected", "65", "--simulate", "dgx-h100");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gpu-doctor serve: --gpus.expected must be between 0 and 64, not 65\n");
    }

    @Test
    void serveWithAnUnreadableDurationNamesTheFlag() {
        CliRun run = CliRun.of("serve", "--collect.interval", "soon", "--simulate", "dgx-h100");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gpu-doctor serve: --collect.interval: 'soon' is not a duration");
    }

    @Test
    void serveAcceptsEveryFlagOfTheDesign() {
        CliRun run = CliRun.of("serve", "--config", "/etc/gpu-doctor/config.yml", "--web.listen-address", ":9842",
                "--web.config.file", "/etc/gpu-doctor/web.yml", "--path.rootfs", "/host", "--nvml.library", "none",
                "--cuda.library", "none", "--simulate", "dgx-h100", "--collect.interval", "5s");

        assertThat(run.err()).doesNotContain("Unknown option");
    }

    @Test
    void diagnoseAcceptsEveryFlagOfTheDesign() {
        CliRun run = CliRun.of("diagnose", "--container", "abc", "--format", "json", "--path.rootfs", "/host",
                "--nvml.library", "none", "--cuda.library", "none", "--simulate", "dgx-h100");

        assertThat(run.err()).doesNotContain("Unknown option");
    }
}
