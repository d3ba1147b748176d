package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.DriverLibraryFile;
import io.gpudoctor.agent.container.facts.Libc;
import io.gpudoctor.agent.container.facts.MappedLibcuda;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code libcuda} the workload can load: a link-time stub (F22), none at all (F08), the
 * image's own copy of another driver version (F15), or none loadable because the image is musl (F08).
 */
public final class LibcudaCheck implements ContainerCheck {

    private static final String LIBCUDA = "libcuda";

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        stub(container).ifPresent(findings::add);
        // Without an injected GPU a missing libcuda is only a symptom, which InjectionCheck reports.
        if (GpuRequest.injectedByBundle(container) || GpuRequest.hasDeviceNodes(container)) {
            missing(container).ifPresent(findings::add);
        }
        if (GpuRequest.wantsGpu(container)) {
            musl(container).ifPresent(findings::add);
        }
        HostDriver.version(host).flatMap(driver -> bundled(container, driver)).ifPresent(findings::add);
        return findings;
    }

    /** A loaded stub is certain (CUDA error 34); a {@code stubs} folder on the search path only may shadow the driver. */
    private static Optional<Finding> stub(ContainerFacts container) {
        Optional<MappedLibcuda> mapped = container.mappedLibcuda().value().orElse(List.of()).stream()
                .filter(m -> m.kind() == MappedLibcuda.Kind.STUB).findFirst();
        if (mapped.isPresent()) {
            return Optional.of(Finding.of(FindingCode.CONTAINER_STUB_LIBCUDA, Severity.ERROR)
                    .title("The workload loaded the CUDA stub library " + mapped.get().path())
                    .detail("The stub only satisfies the linker; every CUDA call fails with "
                            + "CUDA_ERROR_STUB_LIBRARY (34).")
                    .evidence("/proc/" + container.identity().pid() + "/maps", mapped.get().path())
                    .fix(stubFix())
                    .build());
        }
        // A real libcuda already loaded proves the stubs folder did not shadow it.
        if (loadsRealLibcuda(container)) {
            return Optional.empty();
        }
        Optional<String> stubsFolder = GpuRequest.variable(container, "LD_LIBRARY_PATH").stream()
                .flatMap(path -> Arrays.stream(path.split(":")))
                .filter(dir -> dir.replaceAll("/+$", "").endsWith("/stubs")).findFirst();
        return stubsFolder.map(dir -> Finding.of(FindingCode.CONTAINER_STUB_LIBCUDA, Severity.WARN)
                .title("LD_LIBRARY_PATH puts the CUDA stubs folder " + dir + " on the search path")
                .detail("The loader searches LD_LIBRARY_PATH before ld.so.cache: a libcuda.so.1 in " + dir
                        + " shadows the host driver and CUDA fails with CUDA_ERROR_STUB_LIBRARY (34).")
                .evidence(GpuRequest.environSource(container), "LD_LIBRARY_PATH=" + container.environment()
                        .value().flatMap(env -> env.ldLibraryPath()).orElse(""))
                .fix(stubFix())
                .build());
    }

    private static String stubFix() {
        return "Remove the stubs folder (e.g. /usr/local/cuda/lib64/stubs) from LD_LIBRARY_PATH at run time "
                + "(`ENV LD_LIBRARY_PATH=...` in the Dockerfile) and keep it only for linking (`-L`).";
    }

    /**
     * No libcuda the loader can find: not loaded, not in {@code ld.so.cache}. Whether the runtime
     * mounted one tells the two causes apart: the driver was not injected, or ldconfig did not run.
     */
    private static Optional<Finding> missing(ContainerFacts container) {
        boolean loaded = loadsRealLibcuda(container);
        boolean inCacheUnknownOrPresent = container.libcudaInCache().value().map(e -> !e.isEmpty()).orElse(true);
        if (loaded || inCacheUnknownOrPresent || container.mounts().value().isEmpty()) {
            return Optional.empty();
        }
        Optional<DriverLibraryFile> mounted = container.mounts().value().get().driverLibraries().stream()
                .filter(l -> l.library().equals(LIBCUDA)).findFirst();
        Finding.Builder finding = Finding.of(FindingCode.CONTAINER_LIBCUDA_MISSING, Severity.ERROR)
                .evidence("/etc/ld.so.cache (container)", "no libcuda.so.1 entry");
        if (mounted.isPresent()) {
            return Optional.of(finding
                    .title("libcuda is mounted at " + mounted.get().path() + " but missing from ld.so.cache")
                    .detail("The runtime injected the driver but its ldconfig step did not update the container's "
                            + "ld.so.cache, so 'libcuda.so.1: cannot open shared object file'.")
                    .evidence("/proc/" + container.identity().pid() + "/mountinfo", mounted.get().path())
                    .fix("In /etc/nvidia-container-runtime/config.toml set ldconfig = \"@/sbin/ldconfig\" "
                            + "(the leading @ means the host's), then recreate the container.")
                    .build());
        }
        return Optional.of(finding
                .title("The container has a GPU but no libcuda")
                .detail("No libcuda.so is bind-mounted from the host, loaded, or listed in ld.so.cache: CUDA "
                        + "fails with 'libcuda.so.1: cannot open shared object file'.")
                .evidence("/proc/" + container.identity().pid() + "/mountinfo", "no libcuda bind mount")
                .fix("Run the container with the NVIDIA runtime and the compute capability "
                        + "(NVIDIA_DRIVER_CAPABILITIES=compute,utility): " + Engine.of(container.identity()).withGpus()
                        + "; then " + Engine.of(container.identity()).recreate() + ".")
                .build());
    }

    private static boolean loadsRealLibcuda(ContainerFacts container) {
        return container.mappedLibcuda().value().orElse(List.of()).stream()
                .anyMatch(m -> m.kind() != MappedLibcuda.Kind.STUB);
    }

    /** Libraries the image ships itself (the facts already leave out bind mounts) whose version is not the host's. */
    private static Optional<Finding> bundled(ContainerFacts container, DriverVersion driver) {
        List<DriverLibraryFile> foreign = container.bundledLibraries().value().orElse(List.of()).stream()
                .filter(l -> !l.version().equals(driver.text())).toList();
        if (foreign.isEmpty()) {
            return Optional.empty();
        }
        Finding.Builder finding = Finding.of(FindingCode.CONTAINER_BUNDLED_DRIVER_LIBS, Severity.ERROR)
                .title("The image ships its own driver libraries (" + foreign.get(0).version() + "), the host runs "
                        + driver.text())
                .detail("User-space driver libraries must match the kernel module exactly; these copies cause "
                        + "'driver/library version mismatch' or CUDA_ERROR_SYSTEM_DRIVER_MISMATCH (803) only inside "
                        + "the container.");
        foreign.forEach(l -> finding.evidence(l.path() + " (image)", l.library() + " " + l.version()));
        return Optional.of(finding
                .fix("Delete them from the image (e.g. `RUN rm -f " + foreign.get(0).path()
                        + "` in the Dockerfile) so the runtime's bind mounts of the host driver are used.")
                .build());
    }

    private static Optional<Finding> musl(ContainerFacts container) {
        return container.libc().value().filter(libc -> libc.kind() == Libc.Kind.MUSL)
                .map(libc -> Finding.of(FindingCode.CONTAINER_MUSL_LIBC, Severity.ERROR)
                        .title("The image is built on musl (" + libc.loader() + "): NVIDIA driver libraries cannot load")
                        .detail("libcuda and libnvidia-ml are linked against glibc; on a musl image such as Alpine "
                                + "they fail to load even when the runtime injects them.")
                        .evidence(libc.loader() + " (container)", "musl dynamic loader")
                        .fix("Rebuild on a glibc base image, e.g. `FROM nvidia/cuda:12.4.1-base-ubuntu22.04` or "
                                + "`FROM debian:bookworm-slim`.")
                        .build());
    }
}
