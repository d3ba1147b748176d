package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.settings.DurationText;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.settings.ServeSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Serve's flags, made from {@link ServeSettings#ALL}: one {@code --NAME} per setting, with its
 * label, help and default as declared there, so that a setting is never written twice.
 */
final class SettingFlags implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (Setting<?> setting : ServeSettings.ALL) {
            OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                    .paramLabel(setting.label())
                    .type(String.class)
                    .description(setting.help() + shownDefault(setting));
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

    private static String shownDefault(Setting<?> setting) {
        if (setting.fallback().isEmpty() || setting.help().contains("(default")) {
            return "";
        }
        Object value = setting.fallback().get();
        return " (default: " + (value instanceof Duration d ? DurationText.format(d) : value) + ")";
    }
}
