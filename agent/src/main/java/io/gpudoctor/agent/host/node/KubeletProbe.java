package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks for a kubelet's configuration and for the NVIDIA device plugin's registration socket.
 * Sockets are not regular files, so they are only listed and tested for existence, never read.
 */
public final class KubeletProbe implements HostProbe<KubeletFacts> {

    static final String PLUGIN_FOLDER = "/var/lib/kubelet/device-plugins";
    static final String GPU_SOCKET = "nvidia-gpu.sock";

    /** kubeadm's config, the kubelet's own kubeconfig, and kubeadm's bootstrap result. */
    private static final List<String> CONFIGS = List.of("/var/lib/kubelet/config.yaml", "/var/lib/kubelet/kubeconfig",
            "/etc/kubernetes/kubelet.conf");

    @Override
    public Class<KubeletFacts> type() {
        return KubeletFacts.class;
    }

    @Override
    public KubeletFacts probe(HostFileReader files) {
        Optional<String> config = CONFIGS.stream().filter(files::exists).findFirst();
        List<String> sockets = new ArrayList<>(files.list(PLUGIN_FOLDER).stream()
                .filter(name -> name.startsWith("nvidia") && name.endsWith(".sock"))
                .toList());
        // a folder we may not list can still hold the socket under its usual name
        if (sockets.isEmpty() && files.exists(PLUGIN_FOLDER + "/" + GPU_SOCKET)) {
            sockets.add(GPU_SOCKET);
        }
        return new KubeletFacts(config, sockets);
    }
}
