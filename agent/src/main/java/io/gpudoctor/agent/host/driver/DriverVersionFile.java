package io.gpudoctor.agent.host.driver;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of the kernel module's version files: {@code /sys/module/nvidia/version} (just
 * {@code 550.54.14}) and {@code /proc/driver/nvidia/version}, whose first line is either
 * {@code NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.161.07  Sat Feb 17 ...} (proprietary)
 * or {@code NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.158.01  Release Build ...}
 * (open). The first version-shaped number wins, so "x86_64" and the "64" in it never do.
 */
final class DriverVersionFile {

    private static final Pattern VERSION = Pattern.compile("(?<![\\w.])(\\d{2,4}\\.\\d{1,3}(?:\\.\\d{1,3})?)(?![\\w.])");

    private DriverVersionFile() {
    }

    /** The driver version in the file's first line, e.g. {@code 535.161.07}; empty when there is none. */
    public static Optional<String> parse(String text) {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        Matcher m = VERSION.matcher(first);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
