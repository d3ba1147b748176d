package io.gpudoctor.agent.host.realconfigs;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.hostfs.HostRootFiles;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.proc.ProcessTableProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A host root built around the real files of {@code src/test/resources/real-configs}: the files at
 * the host paths their engines read, executables, a package database, and processes as
 * {@code /proc/<pid>/comm} and {@code cmdline}. Diagnosed by every runtime, CDI and node probe and
 * check over a two-GPU inventory, as {@code gpu-doctor diagnose} would.
 */
public final class RealConfigHost {

    private final Path root;

    public RealConfigHost(Path root) {
        this.root = root;
    }

    /** The text of a corpus file, {@code debian/containerd-config.toml}. */
    public static String corpus(String name) {
        try (InputStream in = RealConfigHost.class.getResourceAsStream("/real-configs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the corpus file {@code name} at {@code hostPath}. */
    public RealConfigHost real(String hostPath, String name) {
        return file(hostPath, corpus(name));
    }

    public RealConfigHost file(String hostPath, String text) {
        HostRootFiles.write(root, hostPath, text);
        return this;
    }

    /** Executables (their content does not matter to the probes). */
    public RealConfigHost executables(String... hostPaths) {
        for (String hostPath : hostPaths) {
            file(hostPath, "#!/bin/sh\n");
        }
        return this;
    }

    /** The NVIDIA Container Toolkit as its Debian packages install it. */
    public RealConfigHost toolkitPackages(String version) {
        executables("/usr/bin/nvidia-container-runtime", "/usr/bin/nvidia-container-runtime-hook",
                "/usr/bin/nvidia-ctk", "/usr/bin/nvidia-container-cli",
                "/usr/bin/nvidia-container-runtime.cdi", "/usr/bin/nvidia-container-runtime.legacy");
        return file("/var/lib/dpkg/status", "Package: nvidia-container-toolkit\nStatus: install ok installed\nVersion: "
                + version + "\n\nPackage: nvidia-container-toolkit-base\nStatus: install ok installed\nVersion: "
                + version + "\n");
    }

    /**
     * The {@code /dev/char/195:*} links that {@code nvidia-ctk system create-dev-char-symlinks} (or the
     * toolkit's udev rule) makes, which a node with the systemd cgroup driver needs to keep GPUs
     * across a systemd reload.
     */
    public RealConfigHost devCharLinks() {
        return file("/dev/char/195:0", "").file("/dev/char/195:1", "").file("/dev/char/195:255", "");
    }

    /** A running process: its {@code comm} and its command line. */
    public RealConfigHost process(long pid, String comm, String... args) {
        file("/proc/" + pid + "/comm", comm + "\n");
        return file("/proc/" + pid + "/cmdline", String.join("\0", args) + "\0");
    }

    /** The NVIDIA device plugin registered with the kubelet. */
    public RealConfigHost devicePluginRegistered() {
        file("/var/lib/kubelet/device-plugins/kubelet.sock", "");
        return file("/var/lib/kubelet/device-plugins/nvidia-gpu.sock", "");
    }

    public List<Finding> findings() {
        HostFileReader files = new HostFileReader(HostPaths.of(root));
        DiagnosisEngine engine = new DiagnosisEngine(probes(), checks());
        HostFacts facts = engine.probe(files, HostFacts.builder().put(GpuInventory.class, SimulatedInventory.fixtureNode()));
        return engine.evaluate(facts);
    }

    /** The verdict and the findings that are not information, as {@code error: CODE, warn: CODE}. */
    public String verdict() {
        List<Finding> findings = findings();
        String worst = findings.stream().map(Finding::severity).max(Comparator.naturalOrder())
                .filter(s -> s != Severity.INFO).map(s -> s.name().toLowerCase()).orElse("ok");
        String codes = findings.stream().filter(f -> f.severity() != Severity.INFO)
                .map(f -> f.severity().name().toLowerCase() + " " + f.code())
                .collect(Collectors.joining(", "));
        return codes.isEmpty() ? worst : worst + " (" + codes + ")";
    }

    private static List<HostProbe<?>> probes() {
        List<HostProbe<?>> probes = new ArrayList<>(List.of(new ProcessTableProbe(), new InstalledPackagesProbe()));
        probes.addAll(CheckRegistry.probesOf(Optional.empty(), Concern.ENGINES, Concern.CDI, Concern.NODE));
        return probes;
    }

    private static List<Check> checks() {
        return CheckRegistry.checksOf(Concern.ENGINES, Concern.CDI, Concern.NODE);
    }
}
