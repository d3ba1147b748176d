package io.gpudoctor.agent.diagnosis;

/**
 * The catalogue of finding codes (docs/design.md). Codes are API that users script and alert
 * against: add new ones, never rename or remove one.
 */
public enum FindingCode {
    // Host, driver
    NO_NVIDIA_GPU(Scope.HOST),
    DRIVER_NOT_INSTALLED(Scope.HOST),
    KERNEL_MODULE_NOT_LOADED(Scope.HOST),
    NOUVEAU_LOADED(Scope.HOST),
    DRIVER_LIBRARY_MISMATCH(Scope.HOST),
    NVML_INIT_FAILED(Scope.HOST),
    CUDA_INIT_FAILED(Scope.HOST),
    DEVICE_NODES_MISSING(Scope.HOST),
    UVM_NOT_LOADED(Scope.HOST),
    PERSISTENCE_MODE_OFF(Scope.HOST),
    FABRIC_MANAGER_NOT_RUNNING(Scope.HOST),
    MIG_ENABLED_NO_INSTANCES(Scope.HOST),
    GPU_LOST(Scope.HOST),
    NVML_CALL_HUNG(Scope.HOST),
    XID_ERROR(Scope.HOST),
    ECC_UNCORRECTABLE_ERRORS(Scope.HOST),
    ROW_REMAP_FAILURE(Scope.HOST),
    GPU_THROTTLED(Scope.HOST),

    // Host, container runtime
    TOOLKIT_NOT_INSTALLED(Scope.HOST),
    TOOLKIT_CONFIG_INVALID(Scope.HOST),
    TOOLKIT_VULNERABLE(Scope.HOST),
    DOCKER_RUNTIME_NOT_CONFIGURED(Scope.HOST),
    DOCKER_CONFIG_INVALID(Scope.HOST),
    DOCKER_RESTART_PENDING(Scope.HOST),
    CONTAINERD_RUNTIME_NOT_CONFIGURED(Scope.HOST),
    CONTAINERD_CONFIG_INVALID(Scope.HOST),
    CRIO_RUNTIME_NOT_CONFIGURED(Scope.HOST),
    CRIO_CONFIG_INVALID(Scope.HOST),
    NVIDIA_RUNTIME_NOT_DEFAULT(Scope.HOST),
    CDI_SPEC_MISSING(Scope.HOST),
    CDI_SPEC_INVALID(Scope.HOST),
    CDI_SPEC_STALE(Scope.HOST),
    DEVICE_PLUGIN_NOT_RUNNING(Scope.HOST),
    CGROUP_DEVICE_ACCESS_AT_RISK(Scope.HOST),
    CGROUP_V2_TOOLKIT_TOO_OLD(Scope.HOST),
    SELINUX_ENFORCING(Scope.HOST),

    // Host, gpu-doctor itself
    AGENT_CONFIG_INSECURE(Scope.HOST),

    // Compatibility: host driver vs. what a container needs (scope set per finding)
    CUDA_DRIVER_TOO_OLD(Scope.CONTAINER),
    CUDA_MINOR_VERSION_COMPAT(Scope.CONTAINER),
    CUDA_FORWARD_COMPAT(Scope.CONTAINER),
    CUDA_FORWARD_COMPAT_UNSUPPORTED(Scope.CONTAINER),
    GPU_ARCH_NOT_IN_BUILD(Scope.CONTAINER),
    GPU_ARCH_UNSUPPORTED_BY_CUDA(Scope.CONTAINER),
    GPU_ARCH_UNSUPPORTED_BY_DRIVER(Scope.CONTAINER),

    // Container
    CONTAINER_NO_GPU_INJECTED(Scope.CONTAINER),
    CONTAINER_VISIBLE_DEVICES_DISABLED(Scope.CONTAINER),
    CONTAINER_VISIBLE_DEVICES_UNKNOWN(Scope.CONTAINER),
    CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL(Scope.CONTAINER),
    CONTAINER_DRIVER_CAPABILITIES_MISSING(Scope.CONTAINER),
    CONTAINER_REQUIRE_CUDA_UNSATISFIED(Scope.CONTAINER),
    CONTAINER_STUB_LIBCUDA(Scope.CONTAINER),
    CONTAINER_BUNDLED_DRIVER_LIBS(Scope.CONTAINER),
    CONTAINER_CPU_ONLY_FRAMEWORK(Scope.CONTAINER),
    CONTAINER_DEVICE_NODES_MISSING(Scope.CONTAINER),
    CONTAINER_LIBCUDA_MISSING(Scope.CONTAINER),
    CONTAINER_MUSL_LIBC(Scope.CONTAINER),
    CONTAINER_SHM_TOO_SMALL(Scope.CONTAINER),
    CONTAINER_MEMLOCK_LIMITED(Scope.CONTAINER),
    GPU_SHARED_BY_CONTAINERS(Scope.CONTAINER),

    // The agent itself: a check that failed must not hide the others
    CHECK_FAILED(Scope.HOST);

    private final Scope defaultScope;

    FindingCode(Scope defaultScope) {
        this.defaultScope = defaultScope;
    }

    /** The scope a finding of this code has unless its check says otherwise. */
    public Scope defaultScope() {
        return defaultScope;
    }
}
