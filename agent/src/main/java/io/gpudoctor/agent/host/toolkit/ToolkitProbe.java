package io.gpudoctor.agent.host.toolkit;

import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.packages.InstalledPackages;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the toolkit's executables (package layout under {@code /usr/bin}, manual installs under
 * {@code /usr/local/bin}, the GPU operator's {@code /usr/local/nvidia/toolkit}), its version and
 * its configuration.
 */
public final class ToolkitProbe implements HostProbe<ToolkitFacts> {

    static final List<String> EXECUTABLES = List.of(
            "nvidia-container-runtime", "nvidia-container-runtime-hook", "nvidia-ctk", "nvidia-container-cli");
    static final List<String> FOLDERS = List.of("/usr/bin", "/usr/local/bin", "/usr/local/nvidia/toolkit");
    static final String CONFIG = "/etc/nvidia-container-runtime/config.toml";
    /** Where the GPU operator's toolkit container writes its config on the host. */
    static final String OPERATOR_CONFIG = "/usr/local/nvidia/toolkit/.config/nvidia-container-runtime/config.toml";
    /** The packages that carry the toolkit's version, the most telling first. */
    static final List<String> PACKAGES = List.of("nvidia-container-toolkit", "nvidia-container-toolkit-base",
            "libnvidia-container-tools", "libnvidia-container1");

    @Override
    public Class<ToolkitFacts> type() {
        return ToolkitFacts.class;
    }

    @Override
    public ToolkitFacts probe(HostFileReader files) {
        return probe(files, HostFacts.builder().build());
    }

    /** Takes the package database from the facts when it was read already. */
    @Override
    public ToolkitFacts probe(HostFileReader files, HostFacts earlier) {
        List<String> binaries = new ArrayList<>();
        for (String folder : FOLDERS) {
            for (String name : EXECUTABLES) {
                if (files.exists(folder + "/" + name)) {
                    binaries.add(folder + "/" + name);
                }
            }
        }
        InstalledPackages packages = earlier.find(InstalledPackages.class)
                .orElseGet(() -> new InstalledPackagesProbe().probe(files));
        Optional<String> versionPackage = PACKAGES.stream().filter(name -> packages.version(name).isPresent()).findFirst();

        ConfigText text = ConfigText.read(files, files.exists(CONFIG) || !files.exists(OPERATOR_CONFIG)
                ? CONFIG : OPERATOR_CONFIG);
        ParseResult<ToolkitConfig> parsed = text.text()
                .map(content -> ToolkitConfigParser.parse(text.path(), content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        return new ToolkitFacts(binaries,
                versionPackage.flatMap(packages::version),
                versionPackage.map(name -> packages.source() + ": " + name),
                text.path(), text.present(), parsed.value(), parsed.problems());
    }
}
