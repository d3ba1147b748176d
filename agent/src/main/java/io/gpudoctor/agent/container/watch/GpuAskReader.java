package io.gpudoctor.agent.container.watch;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.checks.GpuRequest;
import io.gpudoctor.agent.container.facts.BundleFacts;
import io.gpudoctor.agent.container.facts.ContainerFactsReader;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a container asked for a GPU from host files only: its init process's
 * environment (through the reader that keeps nothing but GPU variables), its OCI bundle, and
 * Docker's host config. The container's own files are not opened: this runs for every container
 * on the node, GPU or not.
 */
final class GpuAskReader {

    static final String DOCKER_CONTAINERS = "/var/lib/docker/containers/";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final HostFileReader files;

    public GpuAskReader(HostFileReader files) {
        this.files = files;
    }

    /** The signs that {@code container} asked for a GPU; {@link GpuAsk#NONE} when there are none. */
    public GpuAsk read(ContainerIdentity container) {
        Set<GpuAskSource> sources = EnumSet.noneOf(GpuAskSource.class);
        if (ContainerFactsReader.environment(container, files).value().filter(GpuRequest::requestedBy).isPresent()) {
            sources.add(GpuAskSource.ENVIRONMENT);
        }
        ContainerFactsReader.bundle(container, files).value().ifPresent(bundle -> {
            if (GpuRequest.injects(bundle)) {
                sources.add(GpuAskSource.BUNDLE);
            }
            if (nvidiaHandler(bundle)) {
                sources.add(GpuAskSource.RUNTIME);
            }
        });
        if (dockerRuntime(container)) {
            sources.add(GpuAskSource.RUNTIME);
        }
        return new GpuAsk(sources);
    }

    private static boolean nvidiaHandler(BundleFacts bundle) {
        return bundle.runtimeHandler().filter(h -> h.toLowerCase(Locale.ROOT).contains("nvidia")).isPresent();
    }

    private boolean dockerRuntime(ContainerIdentity container) {
        if (!container.runtime().equals("docker") || !ID.matcher(container.id()).matches()) {
            return false;
        }
        return files.read(DOCKER_CONTAINERS + container.id() + "/hostconfig.json").content()
                .filter(DockerHostConfigParser::asksForGpu).isPresent();
    }
}
