package io.gpudoctor.agent.container.facts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses {@code /proc/<pid>/mountinfo} ({@code id parent major:minor root mountpoint options
 * [optional...] - fstype source superoptions}, octal escapes such as {@code \040} in paths).
 * Malformed lines are skipped. A pure function.
 */
final class MountInfoParser {

    private MountInfoParser() {
    }

    /** Parses the text of a mountinfo file. */
    public static MountFacts parse(String mountinfo) {
        Lines lines = new Lines();
        for (String line : mountinfo.split("\n")) {
            lines.accept(line);
        }
        return lines.facts();
    }

    /**
     * The parser fed a line at a time, for a mountinfo too long to hold (a container with tens of
     * thousands of mounts): it keeps only what {@link MountFacts} holds.
     */
    public static final class Lines implements Consumer<String> {

        private final List<DriverLibraryFile> libraries = new ArrayList<>();
        private Optional<String> shmSize = Optional.empty();

        @Override
        public void accept(String line) {
            String[] fields = line.trim().split(" ");
            int separator = List.of(fields).indexOf("-");
            // Six fields come before the optional ones and the "-"; fstype and source follow it.
            if (separator < 6 || fields.length < separator + 3) {
                return;
            }
            String mountPoint = unescape(fields[4]);
            DriverLibraryFile.of(mountPoint, DriverLibraryFile.ANY)
                    .filter(l -> libraries.stream().noneMatch(known -> known.path().equals(l.path())))
                    .ifPresent(libraries::add);
            if (mountPoint.equals("/dev/shm") && fields[separator + 1].equals("tmpfs")) {
                shmSize = sizeOption(fields.length > separator + 3 ? fields[separator + 3] : "");
            }
        }

        public MountFacts facts() {
            return new MountFacts(libraries, shmSize);
        }
    }

    private static Optional<String> sizeOption(String options) {
        for (String option : options.split(",")) {
            if (option.startsWith("size=")) {
                return Optional.of(option.substring("size=".length()));
            }
        }
        return Optional.empty();
    }

    /** Undoes the kernel's {@code \ooo} escapes for space, tab, newline and backslash. */
    static String unescape(String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && isOctal(bytes, i + 1)) {
                out.write((bytes[i + 1] - '0') * 64 + (bytes[i + 2] - '0') * 8 + (bytes[i + 3] - '0'));
                i += 3;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] bytes, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= bytes.length || bytes[i] < '0' || bytes[i] > '7') {
                return false;
            }
        }
        return true;
    }
}
