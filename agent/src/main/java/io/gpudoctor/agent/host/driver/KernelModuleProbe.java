package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.gpus.ModuleGpus;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the kernel module's state: its version, the loaded modules, the device majors and the GPUs
 * it registered. {@code /sys/module/nvidia/version} is preferred for the version: it holds nothing
 * else, while {@code /proc/driver/nvidia/version} has two formats.
 */
public final class KernelModuleProbe implements HostProbe<KernelModuleFacts> {

    static final String SYS_VERSION = "/sys/module/nvidia/version";
    static final String PROC_VERSION = "/proc/driver/nvidia/version";

    @Override
    public Class<KernelModuleFacts> type() {
        return KernelModuleFacts.class;
    }

    @Override
    public KernelModuleFacts probe(HostFileReader files) {
        String source = SYS_VERSION;
        Optional<String> version = files.read(SYS_VERSION).content().flatMap(DriverVersionFile::parse);
        if (version.isEmpty()) {
            source = PROC_VERSION;
            version = files.read(PROC_VERSION).content().flatMap(DriverVersionFile::parse);
        }
        HostFile modules = files.read("/proc/modules");
        Set<String> loaded = modules.content().map(ProcModules::parse).orElse(Set.of()).stream()
                .filter(KernelModuleFacts.WATCHED_MODULES::contains).collect(Collectors.toSet());
        Set<String> sysModules = new HashSet<>();
        for (String module : KernelModuleFacts.WATCHED_MODULES) {
            if (files.exists("/sys/module/" + module)) {
                sysModules.add(module);
            }
        }
        HostFile devices = files.read("/proc/devices");
        Map<String, Integer> majors = devices.content().map(ProcDevices::parse).orElse(Map.of()).entrySet().stream()
                .filter(e -> KernelModuleFacts.WATCHED_MAJORS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new KernelModuleFacts(version, source, loaded, modules.isOk(), sysModules, majors, devices.isOk(),
                ModuleGpus.read(files));
    }
}
