package io.gpudoctor.agent.host.kmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of a kernel log into its messages, whatever form it came in: {@code /dev/kmsg}
 * records ({@code 6,1234,5678901,-;NVRM: ...} followed by dictionary lines that start with a
 * space), {@code dmesg} lines ({@code [ 1234.567890] NVRM: ...} or with a human timestamp),
 * syslog or journal lines ({@code Nov 23 10:00:00 host kernel: NVRM: ...}), or bare messages.
 */
final class KernelLogLines {

    private static final Pattern KMSG = Pattern.compile("^\\d+,\\d+,\\d+,[^;]*;(.*)$");
    private static final Pattern DMESG = Pattern.compile("^\\[[^\\]]{1,40}\\]\\s?(.*)$");
    private static final Pattern SYSLOG = Pattern.compile("^.{0,80}?\\skernel:\\s(?:\\[[^\\]]{1,40}\\]\\s?)?(.*)$");

    private KernelLogLines() {
    }

    /** The messages, oldest first, without their prefixes; blank lines and kmsg dictionary lines dropped. */
    public static List<String> parse(String log) {
        List<String> messages = new ArrayList<>();
        for (String line : log.split("\r?\n")) {
            // A kmsg dictionary line (" SUBSYSTEM=pci") belongs to the record above it and says nothing of its own.
            if (line.isBlank() || line.startsWith(" ")) {
                continue;
            }
            messages.add(message(line).strip());
        }
        return messages;
    }

    private static String message(String line) {
        for (Pattern form : List.of(KMSG, DMESG, SYSLOG)) {
            Matcher m = form.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return line;
    }
}
