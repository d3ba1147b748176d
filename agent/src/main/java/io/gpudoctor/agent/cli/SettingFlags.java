package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.settings.DurationText;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.settings.SettingOrigin;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Flags made from {@link ServeSettings}: one {@code --NAME} per setting, with its label, help and
 * default as declared there, so that a setting is never written twice. Serve takes every setting;
 * gpus and compat those that say where the driver is ({@link Driver}); diagnose those and two more
 * ({@link Diagnose}).
 */
class SettingFlags implements IModelTransformer {

    private final List<Setting<?>> settings;

    /** Serve's flags: every setting. */
    SettingFlags() {
        this(ServeSettings.ALL);
    }

    private SettingFlags(List<Setting<?>> settings) {
        this.settings = List.copyOf(settings);
    }

    /** The flags that say where the driver is, as serve has them. */
    static final class Driver extends SettingFlags {
        Driver() {
            super(ServeSettings.DRIVER);
        }
    }

    /** Diagnose's: where the driver is, the kernel log file and the GPUs the node should have. */
    static final class Diagnose extends SettingFlags {
        Diagnose() {
            super(Stream.concat(ServeSettings.DRIVER.stream(),
                    Stream.of(ServeSettings.KMSG_PATH, ServeSettings.GPUS_EXPECTED)).toList());
        }
    }

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (Setting<?> setting : settings) {
            OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                    .paramLabel(setting.label())
                    .type(String.class)
                    .description(description(setting));
            if (setting.yaml() == Setting.Yaml.BOOLEAN) {
                // --web.loopback-without-auth alone means true, as a switch.
                option.arity("0..1").fallbackValue("true");
            }
            command.addOption(option.build());
        }
        return command;
    }

    /**
     * The values the command line gave.
     *
     * @throws IllegalArgumentException naming the flag whose value is not one or is out of range
     */
    static Map<Setting<?>, Object> given(ParseResult flags) {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        // A command without one of these flags never matches it.
        for (Setting<?> setting : ServeSettings.ALL) {
            String text = flags.matchedOptionValue(setting.flag(), null);
            if (text != null) {
                try {
                    values.put(setting, setting.parse(text));
                } catch (IllegalArgumentException e) {
                    // Its message begins with the setting's name: the user typed it as a flag.
                    throw new IllegalArgumentException("--" + e.getMessage(), e);
                }
            }
        }
        return values;
    }

    /**
     * The settings a one-shot command runs with: the defaults, and its flags over them.
     *
     * @throws IllegalArgumentException naming the flag whose value is not one or is out of range
     */
    static ServeSettings of(CommandSpec command) {
        return ServeSettings.defaults().with(given(command.commandLine().getParseResult()),
                new SettingOrigin.Flag(command.name()));
    }

    /** The help, its default inside its sentence: "Time between two collections (default: 5s)." */
    static String description(Setting<?> setting) {
        String help = setting.help();
        if (setting.fallback().isPresent() && !help.contains("(default")) {
            Object value = setting.fallback().get();
            String shown = " (default: " + (value instanceof Duration d ? DurationText.format(d) : value) + ")";
            help = help.endsWith(".") ? help.substring(0, help.length() - 1) + shown + "." : help + shown;
        }
        return setting == ServeSettings.SIMULATE
                ? help + " Shipped: " + String.join(", ", ScenarioLoader.namedScenarios()) + "." : help;
    }
}
