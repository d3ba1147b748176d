package io.gpudoctor.agent.container.facts;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container's {@code /proc/<pid>/mountinfo} says about GPUs.
 *
 * @param driverLibraries driver libraries bind-mounted into the container, with their versions
 * @param shmSize         the {@code size=} option of a tmpfs on {@code /dev/shm}, when there is one
 */
public record MountFacts(List<DriverLibraryFile> driverLibraries, Optional<String> shmSize) {

    /** At most 15 digits, so that the count itself fits a long; the suffix is checked when applied. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmg]?)");

    public MountFacts {
        driverLibraries = List.copyOf(driverLibraries);
        Objects.requireNonNull(shmSize, "shmSize");
    }

    /**
     * The {@code /dev/shm} size in bytes, when its option is a byte count with an optional
     * {@code k}, {@code m} or {@code g} suffix as the kernel writes it; a percentage of RAM is empty.
     */
    public Optional<Long> shmBytes() {
        return shmSize.flatMap(MountFacts::bytes);
    }

    private static Optional<Long> bytes(String size) {
        Matcher m = SIZE.matcher(size.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long count = Long.parseLong(m.group(1));
        // No tmpfs holds 2^63 bytes: a size that overflows once scaled is not a real one.
        return count > Long.MAX_VALUE >> shift ? Optional.empty() : Optional.of(count << shift);
    }

    /** Whether a file inside the container is a bind mount of a driver library. */
    public boolean isMounted(String path) {
        return driverLibraries.stream().anyMatch(l -> l.path().equals(path));
    }
}
