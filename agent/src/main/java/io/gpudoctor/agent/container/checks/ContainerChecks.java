package io.gpudoctor.agent.container.checks;

import java.util.List;

/** Every container-scope check, in the order their findings are best read: injection first, workload last. */
public final class ContainerChecks {

    private ContainerChecks() {
    }

    /** A fresh list of all container checks. */
    public static List<ContainerCheck> all() {
        return List.of(new ReadAccessCheck(), new InjectionCheck(), new VisibleDevicesCheck(), new DriverCapabilitiesCheck(),
                new LibcudaCheck(), new ForwardCompatCheck(), new WorkloadCudaCheck(), new SharedMemoryCheck(),
                new LockedMemoryCheck(), new GpuSharingCheck());
    }
}
