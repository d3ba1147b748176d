package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * {@code CDI_SPEC_INVALID}: a spec file a runtime refuses whole. An error when it is NVIDIA's
 * (its kind, or for a file too broken to have one, its name), since then no GPU can be requested
 * through CDI; a warning for another vendor's.
 */
public final class CdiSpecInvalidCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        return facts.get(CdiFacts.class).files().stream()
                .filter(f -> f.readProblem().isEmpty() && !f.problems().isEmpty())
                .map(CdiSpecInvalidCheck::finding)
                .toList();
    }

    private static Finding finding(CdiSpecFile file) {
        boolean nvidia = isNvidia(file);
        Finding.Builder finding = Finding.of(FindingCode.CDI_SPEC_INVALID, nvidia ? Severity.ERROR : Severity.WARN)
                .title("CDI spec " + file.path() + " is invalid, so runtimes ignore it")
                .detail("Container runtimes refuse a CDI spec file as a whole when it breaks a rule, so none of"
                        + " its devices can be requested (`unresolvable CDI devices`)."
                        + (nvidia ? " It is the NVIDIA spec: containers asking for nvidia.com/gpu through CDI get"
                        + " no GPU." : ""));
        file.problems().forEach(p -> finding.evidence(p.at(file.path()), p.problem()));
        return finding.fix(nvidia
                        ? "Regenerate it: `nvidia-ctk cdi generate --output=" + regeneratedPath(file) + "`"
                        + (regeneratedPath(file).equals(file.path()) ? "" : " and remove " + file.path())
                        + ", or `systemctl restart nvidia-cdi-refresh` where the toolkit's refresh service is installed."
                        : "Correct the file or remove it; its vendor's tools usually regenerate it.")
                .build();
    }

    /** Where the regenerated spec goes: its own place, unless runtimes would ignore that name. */
    private static String regeneratedPath(CdiSpecFile file) {
        return file.path().endsWith(".yml") ? CdiSpecProbe.DYNAMIC_DIR + "/nvidia.yaml" : file.path();
    }

    private static boolean isNvidia(CdiSpecFile file) {
        return file.spec().map(CdiSpec::vendor).filter(v -> !v.isBlank()).map("nvidia.com"::equals)
                .orElseGet(() -> file.fileName().startsWith("nvidia"));
    }
}
