package io.gpudoctor.agent.host.packages;

import java.util.HashMap;
import java.util.Map;

/**
 * Pure parser of dpkg's status database: stanzas separated by blank lines, each with
 * {@code Package:}, {@code Status:} and {@code Version:} fields. Only packages whose status ends
 * in {@code installed} count (a removed package keeps a {@code deinstall ok config-files} stanza).
 */
final class DpkgStatusParser {

    private DpkgStatusParser() {
    }

    /** Package name → version of every installed package; malformed stanzas are skipped. */
    public static Map<String, String> parse(String status) {
        Map<String, String> versions = new HashMap<>();
        String name = null;
        String version = null;
        boolean installed = false;
        for (String line : (status + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (name != null && version != null && installed) {
                    versions.put(name, version);
                }
                name = null;
                version = null;
                installed = false;
            } else if (line.startsWith("Package:")) {
                name = line.substring(8).strip();
            } else if (line.startsWith("Version:")) {
                version = line.substring(8).strip();
            } else if (line.startsWith("Status:")) {
                installed = line.strip().endsWith(" installed");
            }
        }
        return versions;
    }
}
