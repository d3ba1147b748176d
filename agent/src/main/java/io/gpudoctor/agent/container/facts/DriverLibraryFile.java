package io.gpudoctor.agent.container.facts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned NVIDIA driver library file inside a container ({@code libcuda.so.570.86.15},
 * {@code libnvidia-ml.so.535.104.05}), as a host bind mount or as shipped in the image.
 *
 * @param path    the path inside the container
 * @param library the library name before {@code .so} ({@code libcuda}, {@code libnvidia-ml})
 * @param version the driver version from the file name
 */
public record DriverLibraryFile(String path, String library, String version) {

    /** Every driver library: {@code libcuda} and any {@code libnvidia-*}. */
    static final Pattern ANY = Pattern.compile("libcuda|libnvidia-.+");

    /** The two libraries an image should never ship: {@code libcuda} and {@code libnvidia-ml}. */
    static final Pattern CUDA_OR_NVML = Pattern.compile("libcuda|libnvidia-ml");

    private static final Pattern NAME = Pattern.compile("(libcuda|libnvidia-[A-Za-z0-9_-]+)\\.so\\.(\\d+(?:\\.\\d+)+)");

    /** The file at {@code path} when its name is a versioned driver library, matching {@code libraries}. */
    static Optional<DriverLibraryFile> of(String path, Pattern libraries) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !libraries.matcher(m.group(1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DriverLibraryFile(path, m.group(1), m.group(2)));
    }
}
