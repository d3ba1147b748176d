package io.gpudoctor.agent.host.toolkit;

import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.packages.InstalledPackages;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the toolkit's executables (package layout under {@code /usr/bin}, manual installs and
 * Talos's extension under {@code /usr/local/bin}, the GPU operator's {@code /usr/local/nvidia/toolkit},
 * MicroK8s's snap), its version and its configuration (the first of {@link #CONFIGS} that exists).
 */
public final class ToolkitProbe implements HostProbe<ToolkitFacts> {

    static final List<String> EXECUTABLES = List.of(
            "nvidia-container-runtime", "nvidia-container-runtime-hook", "nvidia-ctk", "nvidia-container-cli");
    public static final List<String> FOLDERS = List.of("/usr/bin", "/usr/local/bin", "/usr/local/nvidia/toolkit",
            "/snap/microk8s/current/usr/bin");
    static final String CONFIG = "/etc/nvidia-container-runtime/config.toml";
    /** Where the GPU operator's toolkit container writes its config on the host. */
    static final String OPERATOR_CONFIG = "/usr/local/nvidia/toolkit/.config/nvidia-container-runtime/config.toml";
    /**
     * The toolkit's config, where each layout keeps it: packages, the GPU operator, MicroK8s (its
     * runtime reads it from the snap's args), Talos's extension.
     */
    static final List<String> CONFIGS = List.of(CONFIG, OPERATOR_CONFIG,
            "/var/snap/microk8s/current/args/nvidia-container-runtime/config.toml",
            "/usr/local/etc/nvidia-container-runtime/config.toml");
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

        ConfigText text = CONFIGS.stream().map(path -> ConfigText.read(files, path)).filter(ConfigText::present)
                .findFirst().orElseGet(() -> ConfigText.read(files, CONFIG));
        ParseResult<ToolkitConfig> parsed = text.text()
                .map(content -> ToolkitConfigParser.parse(text.path(), content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        Optional<String> missingDriverRoot = parsed.value().flatMap(config -> config.cli().root())
                .filter(root -> !root.isBlank() && !root.equals("/") && !files.exists(root));
        return new ToolkitFacts(binaries,
                versionPackage.flatMap(packages::version),
                versionPackage.map(name -> packages.source() + ": " + name),
                text.path(), text.present(), parsed.value(), parsed.problems(), missingDriverRoot);
    }
}
