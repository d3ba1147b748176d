package io.gpudoctor.agent.container;

import java.util.Map;
import java.util.Optional;

/**
 * Pure parser of the annotations in an OCI bundle's {@code config.json}, as containerd's CRI
 * plugin ({@code io.kubernetes.cri.*}), CRI-O ({@code io.kubernetes.*}) and nerdctl ({@code nerdctl/name})
 * write them.
 * {@code process.env} is not read.
 */
final class OciBundleParser {

    private OciBundleParser() {
    }

    static Optional<ContainerNames> parse(String text) {
        return JsonDocuments.bind(text, Spec.class).map(spec -> names(spec.annotations()));
    }

    private static ContainerNames names(Map<String, String> annotations) {
        Optional<String> name = JsonDocuments.value(annotations, "io.kubernetes.cri.container-name")
                .or(() -> JsonDocuments.value(annotations, "io.kubernetes.container.name"))
                // nerdctl, containerd's Docker-like CLI, keeps its name here.
                .or(() -> JsonDocuments.value(annotations, "nerdctl/name"));
        boolean sandbox = JsonDocuments.value(annotations, "io.kubernetes.cri.container-type")
                .or(() -> JsonDocuments.value(annotations, "io.kubernetes.cri-o.ContainerType"))
                .filter("sandbox"::equals).isPresent()
                // CRI-O names a pod's infra container POD.
                || name.filter("POD"::equals).isPresent();
        return ContainerNames.of(sandbox ? Optional.empty() : name,
                JsonDocuments.value(annotations, "io.kubernetes.cri.sandbox-name")
                        .or(() -> JsonDocuments.value(annotations, "io.kubernetes.pod.name")),
                JsonDocuments.value(annotations, "io.kubernetes.cri.sandbox-namespace")
                        .or(() -> JsonDocuments.value(annotations, "io.kubernetes.pod.namespace")),
                JsonDocuments.value(annotations, "io.kubernetes.cri.sandbox-uid")
                        .or(() -> JsonDocuments.value(annotations, "io.kubernetes.pod.uid")),
                sandbox);
    }

    private record Spec(Map<String, String> annotations) {
    }
}
