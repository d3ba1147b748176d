package io.gpudoctor.agent.host.docker;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.Executables;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link DockerFacts}: the dockerd binary and {@code /etc/docker/daemon.json}. */
public final class DockerProbe implements HostProbe<DockerFacts> {

    static final String DAEMON_JSON = "/etc/docker/daemon.json";
    static final List<String> DOCKERD = List.of("/usr/bin/dockerd", "/usr/local/bin/dockerd", "/usr/sbin/dockerd");

    @Override
    public Class<DockerFacts> type() {
        return DockerFacts.class;
    }

    @Override
    public DockerFacts probe(HostFileReader files) {
        List<String> engine = DOCKERD.stream().filter(files::exists).toList();
        ConfigText text = ConfigText.read(files, DAEMON_JSON);
        ParseResult<DaemonConfig> parsed = text.text()
                .map(content -> DaemonConfigParser.parse(DAEMON_JSON, content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        List<RuntimeBinary> binaries = new ArrayList<>();
        parsed.value().ifPresent(config -> {
            // An entry without a path is a shim runtime (runtimeType, Docker 23+): nothing to look for.
            for (Map.Entry<String, Optional<String>> runtime : config.runtimes().entrySet()) {
                runtime.getValue().ifPresent(configured -> binaries.add(new RuntimeBinary(runtime.getKey(),
                        DAEMON_JSON + ": runtimes." + runtime.getKey() + ".path",
                        configured, Executables.locate(files, configured))));
            }
        });
        return new DockerFacts(engine, DAEMON_JSON, text.present(), parsed.value(), parsed.problems(),
                text.present() ? files.modified(DAEMON_JSON).map(FileTime::toInstant) : Optional.empty(),
                binaries);
    }
}
