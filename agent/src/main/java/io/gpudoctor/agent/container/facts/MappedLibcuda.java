package io.gpudoctor.agent.container.facts;

/**
 * One {@code libcuda.so*} a process has mapped, from {@code /proc/<pid>/maps}.
 *
 * @param path the path inside the container
 * @param kind what sort of libcuda it is
 */
public record MappedLibcuda(String path, Kind kind) {

    /** What sort of libcuda is loaded. */
    public enum Kind {
        /** A link-time stub ({@code .../stubs/libcuda.so}): CUDA error 34 at run time. */
        STUB,
        /** A forward-compatibility library ({@code .../compat/libcuda.so.*}). */
        FORWARD_COMPAT,
        /** Any other: normally the host driver's bind mount. */
        OTHER
    }

    static MappedLibcuda of(String path) {
        Kind kind = path.contains("/stubs/") ? Kind.STUB
                : path.contains("/compat/") ? Kind.FORWARD_COMPAT : Kind.OTHER;
        return new MappedLibcuda(path, kind);
    }
}
