package io.gpudoctor.agent.container.facts;

import io.gpudoctor.locate.LdSoCache;
import io.gpudoctor.locate.LdSoCacheEntry;
import io.gpudoctor.locate.LdSoCacheParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The driver-related libraries inside a container's image: what its {@code ld.so.cache} says
 * for {@code libcuda.so.1}, driver libraries the image ships itself, forward-compat libraries
 * and its C library.
 */
final class ImageLibraries {

    private static final List<String> LIBRARY_FOLDERS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/nvidia/lib64", "/usr/local/cuda/lib64");

    private static final List<String> LOADER_FOLDERS = List.of("/lib", "/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu");

    private final ContainerFiles files;

    ImageLibraries(ContainerFiles files) {
        this.files = files;
    }

    /** The cache's {@code libcuda.so.1} entries (none when the image has no cache). */
    Fact<List<LdSoCacheEntry>> libcudaInCache() {
        Fact<Optional<byte[]>> bytes = files.bytesIfPresent("/etc/ld.so.cache");
        if (bytes.value().isEmpty()) {
            return Fact.unknown(bytes.reason());
        }
        if (bytes.value().get().isEmpty()) {
            return Fact.known(List.of());
        }
        LdSoCache cache = LdSoCacheParser.parse(Path.of("/etc/ld.so.cache"), bytes.value().get().get());
        if (cache.status() != LdSoCache.Status.OK) {
            return Fact.unknown("/etc/ld.so.cache: " + cache.problem());
        }
        return Fact.known(cache.entries().stream().filter(e -> e.soname().equals("libcuda.so.1")).toList());
    }

    /** {@code libcuda}/{@code libnvidia-ml} files in the image that are not host bind mounts. */
    Fact<List<DriverLibraryFile>> bundled(Fact<MountFacts> mounts) {
        if (mounts.value().isEmpty()) {
            return Fact.unknown("cannot tell shipped from mounted libraries: " + mounts.reason());
        }
        List<DriverLibraryFile> found = new ArrayList<>();
        for (String folder : LIBRARY_FOLDERS) {
            for (String name : files.namesOrNone(folder)) {
                DriverLibraryFile.of(folder + "/" + name, DriverLibraryFile.CUDA_OR_NVML)
                        .filter(l -> !mounts.value().get().isMounted(l.path()))
                        .ifPresent(found::add);
            }
        }
        return Fact.known(found);
    }

    /** Forward-compat {@code libcuda.so.*} under {@code /usr/local/cuda*}{@code /compat}, with their ELF notes. */
    Fact<List<ForwardCompatLibrary>> forwardCompat() {
        Fact<List<String>> local = files.names("/usr/local");
        if (local.value().isEmpty()) {
            return Fact.unknown(local.reason());
        }
        List<ForwardCompatLibrary> found = new ArrayList<>();
        for (String cuda : local.value().get()) {
            if (!cuda.startsWith("cuda")) {
                continue;
            }
            String folder = "/usr/local/" + cuda + "/compat";
            for (String name : files.namesOrNone(folder)) {
                DriverLibraryFile.of(folder + "/" + name, DriverLibraryFile.CUDA_OR_NVML)
                        .filter(l -> l.library().equals("libcuda"))
                        .map(l -> new ForwardCompatLibrary(l, note(l.path())))
                        .ifPresent(found::add);
            }
        }
        return Fact.known(found);
    }

    /** {@code /etc/ld.so.conf.d/00-compat-*.conf}: files that put a forward-compat libcuda ahead of the host's. */
    Fact<List<String>> compatLoaderConfigs() {
        Fact<List<String>> names = files.names("/etc/ld.so.conf.d");
        return names.value().<Fact<List<String>>>map(list -> Fact.known(list.stream()
                .filter(n -> n.startsWith("00-compat-") && n.endsWith(".conf"))
                .map(n -> "/etc/ld.so.conf.d/" + n).toList())).orElse(names);
    }

    /** The ELF note, read as a few bounded parts of the file: its section headers lie at the end. */
    private Fact<ForwardCompatNote> note(String path) {
        Fact<ForwardCompatNote> note = ElfNoteParser.fwdCompatibility(files.ranges(path));
        return note.isKnown() ? note : Fact.unknown(path + ": " + note.reason());
    }

    /** musl or glibc, by the loader present. */
    Libc libc() {
        Optional<Libc> glibc = Optional.empty();
        for (String folder : LOADER_FOLDERS) {
            for (String name : files.namesOrNone(folder)) {
                if (name.startsWith("ld-musl-")) {
                    return new Libc(Libc.Kind.MUSL, folder + "/" + name);
                }
                if (name.startsWith("ld-linux-") && glibc.isEmpty()) {
                    glibc = Optional.of(new Libc(Libc.Kind.GLIBC, folder + "/" + name));
                }
            }
        }
        return glibc.orElse(new Libc(Libc.Kind.NONE_FOUND, ""));
    }
}
