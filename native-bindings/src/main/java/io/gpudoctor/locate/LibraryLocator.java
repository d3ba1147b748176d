package io.gpudoctor.locate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the NVIDIA driver libraries of a host whose root is mounted at some folder
 * ({@code --path.rootfs}, {@code /} by default), as the host's dynamic loader would: first its
 * {@code /etc/ld.so.cache}, then the usual library folders, then the places NVIDIA's packagings
 * put them (Debian's alternatives, the GPU operator's driver container, WSL). Every file that
 * answers for the library is reported, since two driver versions side by side explain many
 * failures. Never throws for a missing, unreadable or malformed file.
 */
public final class LibraryLocator {

    /** The host path of the loader's cache. */
    public static final Path LD_SO_CACHE = Path.of("/etc/ld.so.cache");

    /** Far above any real cache (a few hundred KiB); keeps a corrupt or hostile file from filling the heap. */
    static final int MAX_CACHE_BYTES = 16 << 20;

    private static final String FOUND_BY_CACHE = "ld.so.cache";

    private final InRootResolver resolver;
    private final HostArch arch;

    /** A locator for the host whose root is mounted at {@code root}. */
    public LibraryLocator(Path root) {
        this(root, HostArch.current());
    }

    LibraryLocator(Path root, HostArch arch) {
        this.resolver = new InRootResolver(root);
        this.arch = arch;
    }

    /** The host's {@code /etc/ld.so.cache}, read and parsed. */
    public LdSoCache ldSoCache() {
        InRootResolver.Resolution resolution = resolver.resolve(LD_SO_CACHE.toString());
        if (resolution instanceof InRootResolver.Absent) {
            return LdSoCache.missing(LD_SO_CACHE);
        }
        if (resolution instanceof InRootResolver.Unresolvable unresolvable) {
            return LdSoCache.invalid(LD_SO_CACHE, unresolvable.reason());
        }
        InRootResolver.Found found = (InRootResolver.Found) resolution;
        if (!found.regularFile()) {
            // A FIFO or device here would block or never end.
            return LdSoCache.invalid(LD_SO_CACHE, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(found.onDisk())) {
            byte[] bytes = in.readNBytes(MAX_CACHE_BYTES + 1);
            if (bytes.length > MAX_CACHE_BYTES) {
                return LdSoCache.invalid(LD_SO_CACHE, "larger than " + (MAX_CACHE_BYTES >> 20) + " MiB");
            }
            return LdSoCacheParser.parse(LD_SO_CACHE, bytes);
        } catch (IOException e) {
            return LdSoCache.invalid(LD_SO_CACHE, "cannot read: " + InRootResolver.describe(e));
        }
    }

    /** Searches the host for a library, in the order the dynamic loader and NVIDIA's packagings imply. */
    public LibrarySearch locate(NvidiaLibrary library) {
        Map<Path, LibraryCandidate> byRealPath = new LinkedHashMap<>();
        for (LdSoCacheEntry entry : ldSoCache().entries()) {
            if (entry.soname().equals(library.soname()) && entry.flags() == arch.cacheFlags()) {
                candidate(entry.path(), FOUND_BY_CACHE, true).ifPresent(c -> byRealPath.putIfAbsent(c.realPath(), c));
            }
        }
        for (String folder : folders()) {
            candidate(folder + "/" + library.soname(), folder, false).ifPresent(c -> byRealPath.putIfAbsent(c.realPath(), c));
        }
        return LibrarySearch.of(library, List.copyOf(byRealPath.values()));
    }

    /**
     * The library file an operator named ({@code --nvml.library PATH}): a path on the machine
     * gpu-doctor runs on, not under the host root.
     */
    public LibrarySearch explicit(NvidiaLibrary library, Path path) {
        Path absolute = path.toAbsolutePath();
        InRootResolver machine = new InRootResolver(absolute.getRoot());
        return LibrarySearch.of(library, List.of(candidate(machine, absolute.toString(), library.option(), true).orElseThrow()));
    }

    /** The folders searched after the cache, in order, as host paths. */
    List<String> folders() {
        String lib = "/usr/lib/" + arch.multiarch();
        List<String> folders = new ArrayList<>(List.of(lib, "/usr/lib64", "/usr/lib", "/lib/" + arch.multiarch(), "/lib64"));
        folders.add(lib + "/nvidia/current");
        folders.addAll(debianFlavours(lib + "/nvidia"));
        folders.addAll(List.of(
                "/usr/local/nvidia/lib64",
                "/run/nvidia/driver/usr/lib/" + arch.multiarch(),
                "/run/nvidia/driver/usr/lib64",
                "/usr/lib/wsl/lib"));
        return folders;
    }

    /**
     * Debian keeps each driver flavour in its own folder ({@code nvidia/current},
     * {@code nvidia/tesla-470}, …) and links the chosen one into place with update-alternatives;
     * the other flavours are listed after {@code current} so an unlinked install is still found.
     */
    private List<String> debianFlavours(String nvidiaFolder) {
        if (!(resolver.resolve(nvidiaFolder) instanceof InRootResolver.Found found) || found.regularFile()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(found.onDisk())) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("current"))
                    .sorted()
                    .map(name -> nvidiaFolder + "/" + name)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<LibraryCandidate> candidate(String hostPath, String foundBy, boolean expected) {
        return candidate(resolver, hostPath, foundBy, expected);
    }

    /**
     * The candidate a name yields: none when nothing is there and nothing said there would be;
     * an unusable one when the cache or an option named it, or a link there leads nowhere.
     */
    private static Optional<LibraryCandidate> candidate(
            InRootResolver resolver, String hostPath, String foundBy, boolean expected) {
        Path path = Path.of(hostPath);
        Path onDisk = resolver.onDisk(hostPath);
        InRootResolver.Resolution resolution = resolver.resolve(hostPath);
        if (resolution instanceof InRootResolver.Found found) {
            if (!found.regularFile()) {
                return Optional.of(LibraryCandidate.unusable(path, foundBy, onDisk, found.hostPath() + " is not a regular file"));
            }
            return Optional.of(new LibraryCandidate(path, found.hostPath(),
                    DriverVersionSuffix.of(found.hostPath().getFileName().toString()), foundBy, found.onDisk()));
        }
        if (resolution instanceof InRootResolver.Unresolvable unresolvable) {
            return Optional.of(LibraryCandidate.unusable(path, foundBy, onDisk, unresolvable.reason()));
        }
        return expected
                ? Optional.of(LibraryCandidate.unusable(path, foundBy, onDisk, hostPath + " does not exist"))
                : Optional.empty();
    }
}
