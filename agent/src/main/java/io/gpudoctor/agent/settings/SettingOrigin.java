package io.gpudoctor.agent.settings;

import java.nio.file.Path;

/**
 * Where a setting's value was given, so that a message built on it names the place to change it:
 * a flag, the {@code --config} file, or code (tests, embedders), which is only called a serve
 * setting.
 */
public sealed interface SettingOrigin {

    /** A value given in code rather than by the user. */
    SettingOrigin GIVEN = new Given();

    /** The setting and its value as this origin writes them: {@code --gpus.expected=8 (serve flag)}. */
    String describe(Setting<?> setting, String value);

    /**
     * A flag on a command's line.
     *
     * @param command the command that took it: {@code serve}, {@code diagnose}, {@code gpus} or {@code compat}
     */
    record Flag(String command) implements SettingOrigin {
        @Override
        public String describe(Setting<?> setting, String value) {
            return setting.flag() + "=" + value + " (" + command + " flag)";
        }
    }

    /** A key of the YAML config file. */
    record ConfigFile(Path file) implements SettingOrigin {
        @Override
        public String describe(Setting<?> setting, String value) {
            return setting.name() + ": " + value + " (config file " + file + ")";
        }
    }

    /** Given in code. */
    record Given() implements SettingOrigin {
        @Override
        public String describe(Setting<?> setting, String value) {
            return setting.name() + "=" + value + " (serve setting)";
        }
    }
}
