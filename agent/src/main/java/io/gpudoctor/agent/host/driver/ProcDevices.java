package io.gpudoctor.agent.host.driver;

import java.util.HashMap;
import java.util.Map;

/**
 * Pure parser of {@code /proc/devices}: the character device majors ({@code 195 nvidia},
 * {@code 508 nvidia-uvm}, ...). The block devices after the {@code Block devices:} header are not
 * device nodes the NVIDIA driver makes, so they are left out.
 */
final class ProcDevices {

    private ProcDevices() {
    }

    /** Character device name → major. */
    public static Map<String, Integer> parse(String text) {
        Map<String, Integer> majors = new HashMap<>();
        boolean character = false;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Character devices")) {
                character = true;
            } else if (trimmed.startsWith("Block devices")) {
                character = false;
            } else if (character) {
                String[] fields = trimmed.split("\\s+");
                if (fields.length == 2 && fields[0].matches("\\d{1,4}")) {
                    majors.putIfAbsent(fields[1], Integer.parseInt(fields[0]));
                }
            }
        }
        return Map.copyOf(majors);
    }
}
