package io.gpudoctor.locate;

import java.util.Optional;
import java.util.regex.Pattern;

/** The driver version in a library's real file name: {@code libcuda.so.535.161.07} → {@code 535.161.07}. */
final class DriverVersionSuffix {

    /**
     * Three-digit-or-more major, then one or two numeric parts (390.157, 470.256.02): what NVIDIA
     * names its files with, and not the {@code .so.1} or WSL's {@code .so.1.1}.
     */
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{2,}\\.[0-9]{1,4}(\\.[0-9]{1,4})?");

    private DriverVersionSuffix() {
    }

    static Optional<String> of(String fileName) {
        int at = fileName.indexOf(".so.");
        if (at < 0) {
            return Optional.empty();
        }
        String suffix = fileName.substring(at + ".so.".length());
        return VERSION.matcher(suffix).matches() ? Optional.of(suffix) : Optional.empty();
    }
}
