package io.gpudoctor.agent.diagnosis;

import java.util.Comparator;

/**
 * What a finding says stands between a container and the GPU, from the cause that explains
 * everything after it (no GPU or driver on the host) to what only degrades GPU work. The text
 * diagnosis leads with the first cause found: a container's fix is no use on a host without a driver.
 */
public enum Cause {
    /** No NVIDIA GPU or no driver: no container on the host can have a GPU. */
    NO_GPU,
    /** The driver is there but broken: nothing reaches any GPU. */
    DRIVER,
    /** gpu-doctor could not look: nothing it says about the container can be trusted as complete. */
    NOT_LOOKED,
    /** The engine, the NVIDIA Container Toolkit or CDI cannot give containers a GPU. */
    RUNTIME,
    /** One GPU is lost or has failed memory: containers on it fail. */
    GPU_HEALTH,
    /** This container was started without the GPU, or hides it from itself. */
    CONTAINER_SETUP,
    /** The container's CUDA or build cannot run on this driver or GPU. */
    CUDA,
    /** Worth fixing, but GPU use works: shared memory, limits, throttling, hygiene. */
    DEGRADES;

    /** Findings in cause order, the worst first within a cause. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> of(f.code()))
            .thenComparing(Finding::severity, Comparator.reverseOrder());

    /** Whether a finding of this cause, of error severity, answers why a container cannot use the GPU. */
    public boolean blocks() {
        return this != DEGRADES;
    }

    /** The cause a finding code speaks of. */
    public static Cause of(FindingCode code) {
        return switch (code) {
            case NO_NVIDIA_GPU, DRIVER_NOT_INSTALLED -> NO_GPU;
            case KERNEL_MODULE_NOT_LOADED, NOUVEAU_LOADED, DRIVER_LIBRARY_MISMATCH, NVML_INIT_FAILED, CUDA_INIT_FAILED,
                    DEVICE_NODES_MISSING, UVM_NOT_LOADED, FABRIC_MANAGER_NOT_RUNNING, MIG_ENABLED_NO_INSTANCES,
                    NVML_CALL_HUNG -> DRIVER;
            case CONTAINER_NOT_READABLE -> NOT_LOOKED;
            case TOOLKIT_NOT_INSTALLED, TOOLKIT_CONFIG_INVALID, DOCKER_RUNTIME_NOT_CONFIGURED, DOCKER_CONFIG_INVALID,
                    DOCKER_RESTART_PENDING, CONTAINERD_RUNTIME_NOT_CONFIGURED, CONTAINERD_CONFIG_INVALID,
                    CRIO_RUNTIME_NOT_CONFIGURED, CRIO_CONFIG_INVALID, NVIDIA_RUNTIME_NOT_DEFAULT, CDI_SPEC_MISSING,
                    CDI_SPEC_INVALID, CDI_SPEC_STALE, DEVICE_PLUGIN_NOT_RUNNING -> RUNTIME;
            case GPU_LOST, XID_ERROR, ECC_UNCORRECTABLE_ERRORS, ROW_REMAP_FAILURE, GPU_COUNT_BELOW_EXPECTED, NVLINK_DOWN,
                    NVSWITCH_SXID -> GPU_HEALTH;
            case CONTAINER_NO_GPU_INJECTED, CONTAINER_VISIBLE_DEVICES_DISABLED, CONTAINER_VISIBLE_DEVICES_UNKNOWN,
                    CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL, CONTAINER_DRIVER_CAPABILITIES_MISSING,
                    CONTAINER_STUB_LIBCUDA, CONTAINER_BUNDLED_DRIVER_LIBS, CONTAINER_CPU_ONLY_FRAMEWORK,
                    CONTAINER_DEVICE_NODES_MISSING, CONTAINER_LIBCUDA_MISSING, CONTAINER_MUSL_LIBC -> CONTAINER_SETUP;
            case CUDA_DRIVER_TOO_OLD, CUDA_MINOR_VERSION_COMPAT, CUDA_FORWARD_COMPAT, CUDA_FORWARD_COMPAT_UNSUPPORTED,
                    GPU_ARCH_NOT_IN_BUILD, GPU_ARCH_UNSUPPORTED_BY_CUDA, GPU_ARCH_UNSUPPORTED_BY_DRIVER,
                    CONTAINER_REQUIRE_CUDA_UNSATISFIED -> CUDA;
            case PERSISTENCE_MODE_OFF, GPU_THROTTLED, TOOLKIT_VULNERABLE, CGROUP_DEVICE_ACCESS_AT_RISK,
                    CGROUP_V2_TOOLKIT_TOO_OLD, SELINUX_ENFORCING, AGENT_CONFIG_INSECURE, CONTAINER_SHM_TOO_SMALL,
                    CONTAINER_MEMLOCK_LIMITED, GPU_SHARED_BY_CONTAINERS, NVLINK_ERRORS, PCIE_LINK_DEGRADED, GPU_RESET_REQUIRED,
                    CHECK_FAILED -> DEGRADES;
        };
    }
}
