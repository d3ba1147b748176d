package io.gpudoctor.agent.web.page;

import java.util.Optional;
import java.util.Set;

/**
 * The status page's section that tells a developer how to get their own container's diagnosis
 * from inside it: by calling the node's address on the port the daemon listens on, which
 * gpu-doctor maps back to the container. The URLs carry no scheme (curl's default is http) so
 * that the page holds no link anywhere.
 */
final class AskFromContainer {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private AskFromContainer() {
    }

    /** The section for a daemon asked to listen on {@code host} (empty: every address) and {@code port}. */
    static String section(Optional<String> host, int port) {
        Optional<String> bound = host.filter(h -> !WILDCARDS.contains(h));
        StringBuilder out = new StringBuilder("""
                <section id="ask">
                <h2>From inside a container</h2>
                """);
        if (bound.filter(LOOPBACK::contains).isPresent()) {
            return out.append("<p>gpu-doctor listens on ").append(Html.escape(bound.orElseThrow())).append(':')
                    .append(port).append(" only, which no container can reach. Start it with <code>--web.listen-address=:")
                    .append(port).append("</code> to let containers ask for their own diagnosis.</p>\n</section>\n")
                    .toString();
        }
        out.append("<p>A container on this node gets its own diagnosis (and no other container's) by calling the node:</p>\n")
                .append("<pre class=\"ask\">");
        if (bound.isPresent()) {
            out.append("curl -s '").append(Html.escape(bound.orElseThrow())).append(':').append(port)
                    .append("/diagnose?format=text'   # the address gpu-doctor listens on");
        } else {
            out.append("docker:      curl -s '172.17.0.1:").append(port)
                    .append("/diagnose?format=text'   # the docker bridge's gateway\n")
                    .append("kubernetes:  curl -s \"$HOST_IP:").append(port)
                    .append("/diagnose?format=text\"     # HOST_IP from status.hostIP");
        }
        return out.append("""
                </pre>
                <p class="meta">On Kubernetes, give the pod <code>env: [{name: HOST_IP, valueFrom: {fieldRef:
                {fieldPath: status.hostIP}}}]</code>. Call the node's own address, not a Service: gpu-doctor
                tells containers apart by the caller's address, which a Service may rewrite (then the call is
                refused with 403, or answered as if the node itself asked).</p>
                </section>
                """).toString();
    }
}
