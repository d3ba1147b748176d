package io.gpudoctor.agent.gpus;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GPU's PCI address in the form every source can be compared in. NVML writes
 * {@code 00000000:A1:00.0}, sysfs and {@code /proc/driver/nvidia} {@code 0000:a1:00.0}, Xid lines
 * {@code 0000:a1:00}; all become {@code 0000:a1:00}.
 */
public final class PciAddress {

    private static final Pattern ADDRESS =
            Pattern.compile("(?:([0-9A-Fa-f]{1,8}):)?([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})(?:\\.[0-7])?");

    private PciAddress() {
    }

    /** The comparable form, empty when the text is no PCI address. */
    public static Optional<String> key(String address) {
        Matcher m = ADDRESS.matcher(address.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long domain = m.group(1) == null ? 0 : Long.parseLong(m.group(1), 16);
        return Optional.of(String.format(Locale.ROOT, "%04x:%s:%s", domain & 0xffff,
                m.group(2).toLowerCase(Locale.ROOT), m.group(3).toLowerCase(Locale.ROOT)));
    }
}
