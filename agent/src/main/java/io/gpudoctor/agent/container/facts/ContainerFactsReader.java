package io.gpudoctor.agent.container.facts;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.saferoot.SafeRootReader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Gathers {@link ContainerFacts}: host-side files through {@link HostFileReader}, container-side
 * files only through a {@link SafeRootReader}. Never throws for anything a file contains.
 */
public final class ContainerFactsReader {

    /** 256 MiB: about a million mounts, far past any real container. */
    static final long MOUNTINFO_CAP = 256L << 20;

    private ContainerFactsReader() {
    }

    /** Reads the facts of a running container, its files through the host's {@code /proc/<pid>/root}. */
    public static ContainerFacts read(ContainerIdentity identity, HostFileReader host) {
        return read(identity, host, () -> SafeRootReader.forPid(host.paths().resolve("/proc"), identity.pid()));
    }

    /** Reads the facts with the container's files under {@code containerRoot} (an unpacked image, a test fixture). */
    public static ContainerFacts readWithRoot(ContainerIdentity identity, HostFileReader host, Path containerRoot) {
        return read(identity, host, () -> SafeRootReader.open(containerRoot));
    }

    /** Opens the container's root; may fail when the process is gone or its root unreadable. */
    @FunctionalInterface
    private interface RootOpener {
        SafeRootReader open() throws IOException;
    }

    private static ContainerFacts read(ContainerIdentity identity, HostFileReader host, RootOpener opener) {
        String proc = "/proc/" + identity.pid();
        Fact<ContainerEnvironment> environment = EnvironReader.read(host, identity.pid());
        Fact<MountFacts> mounts = mounts(host, proc + "/mountinfo");
        Fact<LockedMemoryLimit> lockedMemory = lockedMemory(host, proc + "/limits");
        Fact<List<MappedLibcuda>> mapped = hostFact(host, proc + "/maps", MapsParser::parse);
        Fact<BundleFacts> bundle = bundle(identity, host);
        try (SafeRootReader root = opener.open()) {
            ContainerFiles files = new ContainerFiles(root);
            ImageLibraries libraries = new ImageLibraries(files);
            WorkloadCuda cuda = new WorkloadCuda(files);
            List<TorchInstall> torch = cuda.torchInstalls();
            return new ContainerFacts(identity, environment, mounts, lockedMemory, mapped, bundle, DeviceNodes.read(files),
                    libraries.libcudaInCache(), libraries.bundled(mounts), libraries.forwardCompat(),
                    libraries.compatLoaderConfigs(), Fact.known(libraries.libc()), Fact.known(torch),
                    cuda.requirements(torch, environment));
        } catch (IOException e) {
            Fact<?> root = deniedRoot(e) ? Fact.denied(proc + "/root")
                    : Fact.unknown("container root unreadable (" + e.getClass().getSimpleName() + ")");
            return new ContainerFacts(identity, environment, mounts, lockedMemory, mapped, bundle, same(root),
                    same(root), same(root), same(root), same(root), same(root), same(root),
                    WorkloadCuda.fromEnvironment(environment));
        }
    }

    /**
     * Whether the container's root could not be opened for want of permission (not because the
     * process is gone): the native opener reports EACCES in its message, not as its own type.
     */
    private static boolean deniedRoot(IOException e) {
        return e instanceof AccessDeniedException
                || (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(HostFile.PERMISSION_DENIED));
    }

    /** An unknown fact of another type, for the same reason. */
    private static <T> Fact<T> same(Fact<?> unknown) {
        return Fact.unknown(unknown.reason());
    }

    /**
     * The GPU-related part of the environment of the container's init process alone: what a watch
     * needs to decide whether the container asked for a GPU, without reading the container's files.
     */
    public static Fact<ContainerEnvironment> environment(ContainerIdentity identity, HostFileReader host) {
        return EnvironReader.read(host, identity.pid());
    }

    /** What the container's OCI bundle says about GPUs, read alone for the same purpose. */
    public static Fact<BundleFacts> bundle(ContainerIdentity identity, HostFileReader host) {
        if (identity.bundle().isEmpty()) {
            return Fact.unknown("no OCI bundle known for this container");
        }
        HostFile file = host.read(identity.bundle().get());
        return file.isOk() ? BundleConfigParser.parse(file.text()) : Fact.unknown(file.path() + ": " + file.problem());
    }

    private static Fact<LockedMemoryLimit> lockedMemory(HostFileReader host, String path) {
        HostFile file = host.read(path);
        if (!file.isOk()) {
            return Fact.unknown(path + ": " + file.problem());
        }
        return LimitsParser.lockedMemory(file.text()).map(Fact::known)
                .orElseGet(() -> Fact.unknown(path + ": no well-formed 'Max locked memory' row"));
    }

    /**
     * mountinfo grows with the container's mounts (Kubernetes pods with many volumes pass the 1 MiB
     * of a whole-file read), so it is streamed, up to {@link #MOUNTINFO_CAP}; past that the mounts are
     * unknown, with the reason, rather than judged from a part.
     */
    private static Fact<MountFacts> mounts(HostFileReader host, String path) {
        MountInfoParser.Lines lines = new MountInfoParser.Lines();
        HostFile file = host.readLines(path, MOUNTINFO_CAP, lines);
        return file.isOk() ? Fact.known(lines.facts()) : Fact.unknown(path + ": " + file.problem());
    }

    private static <T> Fact<T> hostFact(HostFileReader host, String path, Function<String, T> parser) {
        HostFile file = host.read(path);
        return file.isOk() ? Fact.known(parser.apply(file.text())) : Fact.unknown(path + ": " + file.problem());
    }
}
