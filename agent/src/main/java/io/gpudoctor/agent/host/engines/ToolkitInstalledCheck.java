package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import io.gpudoctor.agent.host.toolkit.ToolkitProbe;
import java.util.List;
import java.util.Optional;

/**
 * F01: a GPU host without the NVIDIA Container Toolkit. With a container engine present no
 * container can get a GPU, an error; without one (an HPC or Slurm node) it is information, which
 * matters only once an engine is installed.
 */
public final class ToolkitInstalledCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<ToolkitFacts> toolkit = facts.find(ToolkitFacts.class);
        Optional<Evidence> gpus = GpuPresence.seen(facts);
        if (toolkit.isEmpty() || toolkit.get().installed() || gpus.isEmpty()) {
            return List.of();
        }
        List<String> engines = ContainerEngines.present(facts);
        String engine = engines.isEmpty() ? "<engine>" : engines.get(0).replace("cri-o", "crio");
        return List.of(Finding.of(FindingCode.TOOLKIT_NOT_INSTALLED, engines.isEmpty() ? Severity.INFO : Severity.ERROR)
                .title("The NVIDIA Container Toolkit is not installed")
                .detail("This host has NVIDIA GPUs but none of nvidia-container-runtime, nvidia-container-runtime-hook,"
                        + " nvidia-ctk or nvidia-container-cli, so containers cannot be given a GPU"
                        + (engines.isEmpty() ? " once a container engine is installed." : " by " + String.join(", ", engines) + "."))
                .evidence(List.of(gpus.get()))
                .evidence(String.join(", ", ToolkitProbe.FOLDERS), "no toolkit executables")
                .fix("Install the toolkit from NVIDIA's repository (`sudo apt-get install -y nvidia-container-toolkit`"
                        + " or `sudo dnf install -y nvidia-container-toolkit`), then run `sudo nvidia-ctk runtime configure"
                        + " --runtime=" + engine + "` and restart the engine.")
                .build());
    }
}
