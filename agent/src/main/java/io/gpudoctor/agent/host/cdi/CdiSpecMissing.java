package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * {@code CDI_SPEC_MISSING}: the runtime configuration expects NVIDIA devices from CDI, and no
 * spec a runtime would accept provides them. The configuration is read elsewhere (the docker,
 * containerd, CRI-O and toolkit readers); they pass what they saw here as evidence.
 */
public final class CdiSpecMissing {

    private CdiSpecMissing() {
    }

    /**
     * @param expectedBy what makes containers get their GPUs through CDI, e.g.
     *                   {@code new Evidence("/etc/nvidia-container-runtime/config.toml", "mode = \"cdi\"")}.
     *                   Pass only settings that make CDI the way GPUs are injected: containerd 2.x
     *                   turns {@code enable_cdi} on by default, and that alone expects nothing.
     * @return one error finding, or none when nothing expects CDI or a valid spec of an NVIDIA vendor
     *         ({@link CdiFacts#NVIDIA_VENDORS}) exists
     */
    public static List<Finding> findings(List<Evidence> expectedBy, CdiFacts cdi) {
        if (expectedBy.isEmpty() || !cdi.validNvidiaFiles().isEmpty()) {
            return List.of();
        }
        Finding.Builder finding = Finding.of(FindingCode.CDI_SPEC_MISSING, Severity.ERROR)
                .title("The runtime is configured for CDI but there is no usable NVIDIA CDI spec")
                .detail("Containers get their GPUs from a CDI spec here, and no valid NVIDIA spec (nvidia.com,"
                        + " management.nvidia.com or k8s.device-plugin.nvidia.com)"
                        + " is in " + String.join(" or ", cdi.folders()) + ", so asking for a GPU fails with"
                        + " `unresolvable CDI devices nvidia.com/gpu=...`."
                        + (cdi.files().isEmpty() ? "" : " The spec files there are invalid, unreadable or another vendor's."))
                .evidence(expectedBy);
        if (cdi.files().isEmpty()) {
            cdi.folders().forEach(folder -> finding.evidence(folder, "no *.yaml or *.json spec"));
        }
        cdi.files().forEach(f -> finding.evidence(f.path(), describe(f)));
        return List.of(finding
                .fix("Generate it: `nvidia-ctk cdi generate --output=" + CdiSpecProbe.DYNAMIC_DIR + "/nvidia.yaml`,"
                        + " or `systemctl restart nvidia-cdi-refresh` where the toolkit's refresh service is installed.")
                .build());
    }

    private static String describe(CdiSpecFile file) {
        if (file.readProblem().isPresent()) {
            return "not read: " + file.readProblem().get();
        }
        if (!file.problems().isEmpty()) {
            return "invalid: " + file.problems().get(0).problem();
        }
        return "kind " + file.spec().map(CdiSpec::kind).orElse("?");
    }
}
