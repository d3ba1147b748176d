package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F01: Docker on a GPU host without the NVIDIA runtime. {@code docker run --gpus} still works
 * through the prestart hook when the toolkit is installed, so a missing {@code runtimes.nvidia}
 * is an error only when the hook is missing too; {@code --runtime=nvidia} and Compose's
 * {@code runtime: nvidia} fail either way. A runtime entry whose executable is missing is an error.
 */
public final class DockerRuntimeCheck implements Check {

    static final String CONFIGURE = "sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<DockerFacts> found = facts.find(DockerFacts.class);
        if (found.isEmpty() || !ContainerEngines.docker(facts)) {
            return List.of();
        }
        DockerFacts docker = found.get();
        List<Finding> findings = new ArrayList<>();
        for (RuntimeBinary binary : docker.runtimeBinaries()) {
            if (binary.missing() && isNvidia(binary)) {
                findings.add(RuntimeFindings.missingBinary(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED, "Docker",
                        binary, CONFIGURE));
            }
        }
        Optional<Evidence> gpus = GpuPresence.seen(facts);
        boolean readable = docker.configProblems().isEmpty() || docker.config().isPresent();
        if (gpus.isPresent() && readable && !docker.nvidiaRuntime() && docker.cdiExpectedBy().isEmpty()) {
            findings.add(notConfigured(docker, gpus.get(), hookInstalled(facts)));
        }
        return findings;
    }

    private static boolean isNvidia(RuntimeBinary binary) {
        return binary.runtime().contains("nvidia") || binary.configured().contains("nvidia");
    }

    private static boolean hookInstalled(HostFacts facts) {
        return facts.find(ToolkitFacts.class)
                .map(toolkit -> toolkit.binaries().stream().anyMatch(b -> b.endsWith("/nvidia-container-runtime-hook")))
                .orElse(false);
    }

    private static Finding notConfigured(DockerFacts docker, Evidence gpus, boolean hook) {
        String observed = docker.configPresent() ? "no runtimes.nvidia, features.cdi not true" : "file missing";
        return Finding.of(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED, hook ? Severity.WARN : Severity.ERROR)
                .title("Docker has no NVIDIA runtime configured")
                .detail("This host has NVIDIA GPUs, but Docker's daemon.json names neither the nvidia runtime nor"
                        + " CDI. `docker run --runtime=nvidia` fails with \"unknown or invalid runtime name: nvidia\""
                        + (hook ? "; `--gpus` still works through the installed nvidia-container-runtime-hook."
                                : ", and with no nvidia-container-runtime-hook `--gpus` fails with"
                                + " \"could not select device driver\"."))
                .evidence(List.of(gpus, new Evidence(docker.configPath(), observed)))
                .fix("Run `" + CONFIGURE + "` (install nvidia-container-toolkit first if it is missing).")
                .build();
    }
}
