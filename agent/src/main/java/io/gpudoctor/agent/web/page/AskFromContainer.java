package io.gpudoctor.agent.web.page;

/**
 * The status page's section that tells a developer how to get their own container's diagnosis
 * from inside it: by calling the node's address, which gpu-doctor maps back to the container. The
 * URLs carry no scheme (curl's default is http) so that the page holds no link anywhere.
 */
final class AskFromContainer {

    /** Constant text: nothing from the state is in it. */
    static final String SECTION = """
            <section id="ask">
            <h2>From inside a container</h2>
            <p>A container on this node gets its own diagnosis (and no other container's) by calling the node:</p>
            <pre class="ask">docker:      curl -s '172.17.0.1:9842/diagnose?format=text'   # the docker bridge's gateway
            kubernetes:  curl -s "$HOST_IP:9842/diagnose?format=text"     # HOST_IP from status.hostIP</pre>
            <p class="meta">On Kubernetes, give the pod <code>env: [{name: HOST_IP, valueFrom: {fieldRef:
            {fieldPath: status.hostIP}}}]</code>. Call the node's own address, not a Service: kube-proxy may
            rewrite the caller's address, and gpu-doctor then cannot tell which container is asking.</p>
            </section>
            """;

    private AskFromContainer() {
    }
}
