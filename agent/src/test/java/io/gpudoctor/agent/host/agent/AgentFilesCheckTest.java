package io.gpudoctor.agent.host.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFilesCheckTest {

    @TempDir
    Path dir;

    private Path file(String name, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "x: 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static List<Finding> check(AgentFiles files) {
        return new AgentFilesCheck().evaluate(HostFacts.builder().put(AgentFiles.class, files).build());
    }

    @Test
    void filesPrivateToTheirOwnerAreFine() throws Exception {
        AgentFiles files = AgentFiles.read(Optional.of(file("config.yml", "rw-r--r--")),
                Optional.of(file("web.yml", "rw-r-----")), Optional.of(file("key.pem", "rw-r-----")));
        assertThat(check(files)).isEmpty();
    }

    @Test
    void aConfigOthersMayWriteIsAWarningNamingTheFileAndItsMode() throws Exception {
        Path config = file("config.yml", "rw-rw-rw-");
        List<Finding> findings = check(AgentFiles.read(Optional.of(config), Optional.empty(), Optional.empty()));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.AGENT_CONFIG_INSECURE);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.evidence().toString()).contains(config.toString()).contains("rw-rw-rw-");
        });
    }

    @Test
    void aGroupWritableWebConfigIsAWarning() throws Exception {
        assertThat(check(AgentFiles.read(Optional.empty(), Optional.of(file("web.yml", "rw-rw-r--")), Optional.empty())))
                .singleElement().extracting(Finding::code).isEqualTo(FindingCode.AGENT_CONFIG_INSECURE);
    }

    @Test
    void aTlsKeyEveryUserMayReadIsAWarning() throws Exception {
        assertThat(check(AgentFiles.read(Optional.empty(), Optional.empty(), Optional.of(file("key.pem", "rw-r--r--")))))
                .singleElement().extracting(Finding::code).isEqualTo(FindingCode.AGENT_CONFIG_INSECURE);
    }

    @Test
    void withoutTheDaemonsFilesNothingIsSaid() {
        assertThat(new AgentFilesCheck().evaluate(HostFacts.builder().build())).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsLeftToItsLoader() {
        assertThat(AgentFiles.read(Optional.of(dir.resolve("missing.yml")), Optional.empty(), Optional.empty()).files())
                .isEmpty();
    }
}
