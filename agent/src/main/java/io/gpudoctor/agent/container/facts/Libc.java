package io.gpudoctor.agent.container.facts;

import java.util.Objects;

/**
 * The C library a container's image is built on, told by its dynamic loader.
 *
 * @param kind   glibc, musl, or neither found
 * @param loader the loader found ({@code /lib/ld-musl-x86_64.so.1}); empty for {@link Kind#NONE_FOUND}
 */
public record Libc(Kind kind, String loader) {

    /** Which C library. */
    public enum Kind {
        /** {@code ld-linux-*}: the NVIDIA driver libraries can load. */
        GLIBC,
        /** {@code ld-musl-*} (Alpine): the NVIDIA driver libraries cannot load. */
        MUSL,
        /** No loader in the usual folders (a static or distroless image). */
        NONE_FOUND
    }

    public Libc {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(loader, "loader");
    }
}
