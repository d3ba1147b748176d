package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;

/** Reads {@link HostDeviceFacts} from {@code /proc}, {@code /dev/char} and {@code /sys/fs/cgroup}. */
public final class HostDeviceProbe implements HostProbe<HostDeviceFacts> {

    static final String DRIVER_GPUS = "/proc/driver/nvidia/gpus";
    static final String DEV_CHAR = "/dev/char";
    static final String CGROUP_CONTROLLERS = "/sys/fs/cgroup/cgroup.controllers";

    @Override
    public Class<HostDeviceFacts> type() {
        return HostDeviceFacts.class;
    }

    @Override
    public HostDeviceFacts probe(HostFileReader files) {
        return new HostDeviceFacts(
                files.list(DRIVER_GPUS),
                files.list(DEV_CHAR).stream().filter(name -> name.startsWith("195:")).toList(),
                files.exists(CGROUP_CONTROLLERS));
    }
}
