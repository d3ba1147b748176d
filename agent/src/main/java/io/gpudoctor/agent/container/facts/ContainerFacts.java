package io.gpudoctor.agent.container.facts;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.locate.LdSoCacheEntry;

import java.util.List;
import java.util.Objects;

/**
 * Everything gpu-doctor knows about one container's GPU setup, host-side and container-side.
 * Every part is a {@link Fact}: known, or unknown with the reason. Holds no environment
 * variable beyond those {@link ContainerEnvironment} keeps.
 *
 * @param identity          the container
 * @param environment       GPU-related variables from {@code /proc/<pid>/environ}
 * @param mounts            driver library bind mounts and {@code /dev/shm} size, from {@code mountinfo}
 * @param lockedMemory      the process's locked-memory limit, from {@code /proc/<pid>/limits}
 * @param mappedLibcuda     the {@code libcuda.so*} files the init process has mapped
 * @param bundle            devices, hooks and CDI annotations from the OCI {@code config.json}
 * @param deviceNodes       {@code /dev/nvidia*} inside the container
 * @param libcudaInCache    the container {@code ld.so.cache}'s {@code libcuda.so.1} entries
 * @param bundledLibraries  {@code libcuda}/{@code libnvidia-ml} the image ships (not bind mounts)
 * @param compatLibraries   forward-compat {@code libcuda} under {@code /usr/local/cuda*}{@code /compat}, with ELF notes
 * @param compatLoaderConfigs {@code /etc/ld.so.conf.d/00-compat-*.conf} files in the image
 * @param libc              glibc or musl
 * @param torchInstalls     PyTorch installs and the CUDA they were built for
 * @param cudaRequirements  every CUDA version the workload states, with where it came from
 */
public record ContainerFacts(ContainerIdentity identity, Fact<ContainerEnvironment> environment,
                             Fact<MountFacts> mounts, Fact<LockedMemoryLimit> lockedMemory,
                             Fact<List<MappedLibcuda>> mappedLibcuda,
                             Fact<BundleFacts> bundle, Fact<List<String>> deviceNodes,
                             Fact<List<LdSoCacheEntry>> libcudaInCache, Fact<List<DriverLibraryFile>> bundledLibraries,
                             Fact<List<ForwardCompatLibrary>> compatLibraries, Fact<List<String>> compatLoaderConfigs, Fact<Libc> libc,
                             Fact<List<TorchInstall>> torchInstalls, List<CudaRequirement> cudaRequirements) {

    public ContainerFacts {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(mounts, "mounts");
        Objects.requireNonNull(lockedMemory, "lockedMemory");
        Objects.requireNonNull(mappedLibcuda, "mappedLibcuda");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(deviceNodes, "deviceNodes");
        Objects.requireNonNull(libcudaInCache, "libcudaInCache");
        Objects.requireNonNull(bundledLibraries, "bundledLibraries");
        Objects.requireNonNull(compatLibraries, "compatLibraries");
        Objects.requireNonNull(compatLoaderConfigs, "compatLoaderConfigs");
        Objects.requireNonNull(libc, "libc");
        Objects.requireNonNull(torchInstalls, "torchInstalls");
        cudaRequirements = List.copyOf(cudaRequirements);
    }
}
