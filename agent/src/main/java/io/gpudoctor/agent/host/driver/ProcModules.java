package io.gpudoctor.agent.host.driver;

import java.util.LinkedHashSet;
import java.util.Set;

/** Pure parser of {@code /proc/modules}: one loaded module a line, its name first. */
final class ProcModules {

    private ProcModules() {
    }

    /** The names of the loaded modules ({@code nvidia}, {@code nvidia_uvm}, ...), in file order. */
    public static Set<String> parse(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            // A real line has name, size, refcount, users, state, address; anything shorter is a cut-off line.
            if (fields.length >= 3 && fields[0].matches("[A-Za-z0-9_\\-]{1,64}") && fields[1].matches("\\d+")) {
                names.add(fields[0]);
            }
        }
        return Set.copyOf(names);
    }
}
