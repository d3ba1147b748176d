package io.gpudoctor.agent.host.toolkit;

import io.gpudoctor.agent.host.packages.UpstreamVersion;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import java.util.List;
import java.util.Optional;

/**
 * What the host has of the NVIDIA Container Toolkit: its binaries, its package version and its
 * {@code config.toml}.
 *
 * @param binaries        host paths of the toolkit executables found
 * @param version         the installed package version ({@code 1.17.8-1}); empty when no package
 *                        database names it (RPM hosts, the GPU operator's toolkit container)
 * @param versionSource   where the version came from ({@code /var/lib/dpkg/status: nvidia-container-toolkit})
 * @param configPath      the config file read (or the default path when none exists)
 * @param configPresent   whether that file exists
 * @param config          the parsed configuration; empty when absent or unparseable
 * @param configProblems  syntax errors, wrong types, unreadable or oversized file
 * @param missingDriverRoot {@code nvidia-container-cli.root} when it names a folder the host does not
 *                        have (the GPU operator's {@code /run/nvidia/driver} with no driver container)
 */
public record ToolkitFacts(List<String> binaries, Optional<String> version, Optional<String> versionSource,
                           String configPath, boolean configPresent, Optional<ToolkitConfig> config,
                           List<ConfigProblem> configProblems, Optional<String> missingDriverRoot) {

    public ToolkitFacts {
        binaries = List.copyOf(binaries);
        configProblems = List.copyOf(configProblems);
    }

    /** Whether any toolkit executable is on the host. */
    public boolean installed() {
        return !binaries.isEmpty();
    }

    /** The parsed version, empty when unknown or not a version. */
    public Optional<UpstreamVersion> upstreamVersion() {
        return version.flatMap(UpstreamVersion::parse);
    }

    /** The mode in effect: {@code auto} unless the config names one. */
    public String mode() {
        return config.map(ToolkitConfig::effectiveMode).orElse("auto");
    }

    /**
     * Why the toolkit expects CDI specs to exist: {@code mode = "cdi"} makes the runtime inject only
     * from spec files. {@code auto} is not counted: since 1.18 it may pick JIT-CDI, which builds
     * its spec in memory and needs no file.
     */
    public List<Evidence> cdiExpectedBy() {
        if (mode().equals("cdi")) {
            return List.of(new Evidence(configPath, "nvidia-container-runtime.mode = \"cdi\""));
        }
        return List.of();
    }
}
