package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/** Findings every engine's checks shape the same way. */
public final class RuntimeFindings {

    private RuntimeFindings() {
    }

    /**
     * An invalid configuration: one error listing every problem as evidence. When the only problems
     * are files that could not be read, it says so as a warning: nothing is known of their contents,
     * so gpu-doctor cannot tell whether they are wrong.
     */
    public static Finding invalidConfig(FindingCode code, String engine, List<ConfigProblem> problems, String fix) {
        if (problems.stream().allMatch(ConfigProblem::unread)) {
            return Finding.of(code, Severity.WARN)
                    .title("gpu-doctor could not read " + engine + "'s configuration")
                    .detail("The file named in the evidence exists but could not be read, so gpu-doctor cannot tell"
                            + " which GPU runtime settings " + engine + " has, and judges none of them. " + engine
                            + " reads it as a regular file; a FIFO, device, symlink loop or unreadable file there"
                            + " is a problem for it too.")
                    .evidence(problems.stream().map(ConfigProblem::evidence).toList())
                    .fix("Make it a regular, readable file (`ls -lL` on the path shows what it is), then run"
                            + " gpu-doctor again. " + fix)
                    .build();
        }
        return Finding.of(code, Severity.ERROR)
                .title(engine + "'s configuration is invalid")
                .detail(engine + " refuses to start with a configuration it cannot parse, or ignores the values"
                        + " it cannot use, so GPU runtime settings in it may not be in effect.")
                .evidence(problems.stream().map(ConfigProblem::evidence).toList())
                .fix(fix)
                .build();
    }

    /** A runtime entry whose executable is missing: containers using it fail to start. */
    public static Finding missingBinary(FindingCode code, String engine, RuntimeBinary binary, String configure) {
        return Finding.of(code, Severity.ERROR)
                .title(engine + "'s " + binary.runtime() + " runtime points to a missing executable")
                .detail("Containers using the " + binary.runtime() + " runtime fail to start, because "
                        + binary.configured() + " does not exist on the host.")
                .evidence(binary.source(), binary.configured() + " (not found)")
                .fix("Install nvidia-container-toolkit, or rewrite the entry with `" + configure + "`.")
                .build();
    }
}
