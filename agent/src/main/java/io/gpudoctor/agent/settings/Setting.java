package io.gpudoctor.agent.settings;

import java.util.Optional;
import java.util.function.Function;

/**
 * One setting of {@code gpu-doctor serve}, declared once ({@link ServeSettings}): its name, which
 * is the flag without its dashes and, split at the dots, its keys in the YAML file
 * ({@code collect.interval} is {@code --collect.interval} and {@code collect: interval:}); what a
 * value looks like; its default, or none; its help; how a text becomes a value and which values
 * are refused. The flags, the config file, the help and the validation are all read from here.
 *
 * @param name     the dotted name
 * @param label    what a value looks like, for the help ({@code DURATION}, {@code HOST:PORT})
 * @param fallback the value when neither the file nor a flag gives one; empty: unset
 * @param help     one sentence for {@code serve --help} and the documentation
 * @param yaml     how the YAML file writes a value
 * @param reader   the value a text means, or an {@link IllegalArgumentException} saying why it means none
 * @param checker  refuses a value out of range with an {@link IllegalArgumentException}
 * @param <T>      the value's type
 */
public record Setting<T>(String name, String label, Optional<T> fallback, String help, Yaml yaml,
                         Function<String, T> reader, Checker<T> checker) {

    /** How the YAML file writes a value: quoting it is always accepted. */
    public enum Yaml { TEXT, INTEGER, BOOLEAN }

    /** Refuses a value out of range. */
    @FunctionalInterface
    public interface Checker<T> {

        /** @throws IllegalArgumentException naming the setting and why the value is refused */
        void check(String name, T value);
    }

    /** The flag: {@code --collect.interval}. */
    public String flag() {
        return "--" + name;
    }

    /** The YAML keys, outermost first. */
    public String[] keys() {
        return name.split("\\.");
    }

    /**
     * The value {@code text} gives this setting.
     *
     * @throws IllegalArgumentException naming the setting, when the text is not a value or is refused
     */
    public T parse(String text) {
        T value;
        try {
            value = reader.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        checker.check(name, value);
        return value;
    }

    /** Refuses {@code value} as {@link #parse} would: a value given in code is held to the same range. */
    @SuppressWarnings("unchecked")
    void check(Object value) {
        checker.check(name, (T) value);
    }
}
