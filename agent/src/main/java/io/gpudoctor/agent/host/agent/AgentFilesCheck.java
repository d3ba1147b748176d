package io.gpudoctor.agent.host.agent;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * gpu-doctor's own files open to others: a configuration that users other than its owner may
 * write (they would choose what the daemon reads, where it listens and who may log in), or a TLS
 * private key that every user may read. As sshd refuses a world-readable host key, but a warning:
 * the daemon runs on, since stopping would take the node's metrics away.
 */
public final class AgentFilesCheck implements Check {

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<String> open = new ArrayList<>();
        for (AgentFile file : facts.find(AgentFiles.class).orElse(AgentFiles.NONE).files()) {
            problem(file).ifPresent(open::add);
        }
        if (open.isEmpty()) {
            return List.of();
        }
        Finding.Builder f = Finding.of(FindingCode.AGENT_CONFIG_INSECURE, Severity.WARN)
                .title("gpu-doctor's own configuration can be changed or read by other users")
                .detail("A configuration file that others may write lets them choose what the daemon reads, where"
                        + " it listens and who may log in; a TLS key that others may read lets them impersonate"
                        + " the daemon. The daemon runs on as configured.");
        open.forEach(problem -> f.evidence("file permissions", problem));
        return List.of(f.fix("Make each file writable by its owner only, and the key readable by the daemon's user"
                + " only: `sudo chmod go-w FILE` for a configuration, `sudo chmod 600 KEY` (owned by the gpu-doctor"
                + " user) for the key.").build());
    }

    /** What is wrong with one file, if anything. */
    public static Optional<String> problem(AgentFile file) {
        String mode = PosixFilePermissions.toString(file.permissions());
        if (file.role() == AgentFile.Role.TLS_KEY) {
            return file.permissions().contains(PosixFilePermission.OTHERS_READ)
                    ? Optional.of(file.path() + " (" + file.role().description() + ") is " + mode
                    + ": every user may read it") : Optional.empty();
        }
        return file.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)
                ? Optional.of(file.path() + " (" + file.role().description() + ") is " + mode
                + ": users other than its owner may write it") : Optional.empty();
    }
}
