package io.gpudoctor.agent.container.facts;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a container's OCI {@code config.json} says about GPUs. Holds nothing from
 * {@code process.env}.
 *
 * @param devicePaths    {@code linux.devices[].path}
 * @param hooks          the {@code prestart}, {@code createRuntime} and {@code createContainer} hooks
 * @param cdiAnnotations annotations whose key starts with {@code cdi.k8s.io/}
 * @param runtimeHandler the Kubernetes RuntimeClass handler the CRI runtime recorded in an annotation
 *                       (containerd's {@code io.kubernetes.cri.runtime-handler}, CRI-O's
 *                       {@code io.kubernetes.cri-o.RuntimeHandler}), when it did
 */
public record BundleFacts(List<String> devicePaths, List<OciHook> hooks, SortedMap<String, String> cdiAnnotations,
                          Optional<String> runtimeHandler) {

    public BundleFacts {
        devicePaths = List.copyOf(devicePaths);
        hooks = List.copyOf(hooks);
        cdiAnnotations = Collections.unmodifiableSortedMap(new TreeMap<>(cdiAnnotations));
        Objects.requireNonNull(runtimeHandler, "runtimeHandler");
    }
}
