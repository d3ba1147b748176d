package io.gpudoctor.agent.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pure parser of Docker's {@code /var/lib/docker/containers/<id>/config.v2.json}: the name, the
 * Kubernetes labels cri-dockerd sets, and {@code State.Pid}.
 */
final class DockerConfigParser {

    /** What a config.v2.json says about a container. */
    record DockerContainer(ContainerNames names, OptionalLong statePid) {
    }

    private DockerConfigParser() {
    }

    static Optional<DockerContainer> parse(String text) {
        return JsonDocuments.bind(text, ConfigV2.class).map(DockerConfigParser::container);
    }

    private static DockerContainer container(ConfigV2 config) {
        Map<String, String> labels = config.config() == null ? Map.of() : config.config().labels();
        Optional<String> dockerName = Optional.ofNullable(config.name()).map(n -> n.startsWith("/") ? n.substring(1) : n)
                .filter(n -> !n.isBlank());
        // Under cri-dockerd the Docker name is k8s_<container>_<pod>_...; people know the Kubernetes one.
        Optional<String> name = JsonDocuments.value(labels, "io.kubernetes.container.name").or(() -> dockerName);
        boolean sandbox = JsonDocuments.value(labels, "io.kubernetes.docker.type").filter("podsandbox"::equals).isPresent();
        ContainerNames names = ContainerNames.of(name,
                JsonDocuments.value(labels, "io.kubernetes.pod.name"),
                JsonDocuments.value(labels, "io.kubernetes.pod.namespace"),
                JsonDocuments.value(labels, "io.kubernetes.pod.uid"),
                sandbox);
        long pid = config.state() == null || config.state().pid() == null ? 0 : config.state().pid();
        return new DockerContainer(names, pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty());
    }

    private record ConfigV2(@JsonProperty("Name") String name, @JsonProperty("Config") Config config,
                            @JsonProperty("State") State state) {
    }

    private record Config(@JsonProperty("Labels") Map<String, String> labels) {
    }

    private record State(@JsonProperty("Pid") Long pid) {
    }
}
