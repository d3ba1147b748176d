package io.gpudoctor.agent.host.cdi;

import java.util.List;
import java.util.Optional;

/**
 * What a CDI spec (or one of its devices) adds to a container: environment, device nodes, bind
 * mounts and OCI hooks. Only the fields gpu-doctor reasons about are kept.
 */
public record CdiContainerEdits(List<String> env, List<DeviceNode> deviceNodes, List<Mount> mounts,
                                List<Hook> hooks) {

    public static final CdiContainerEdits NONE = new CdiContainerEdits(List.of(), List.of(), List.of(), List.of());

    public CdiContainerEdits {
        env = List.copyOf(env);
        deviceNodes = List.copyOf(deviceNodes);
        mounts = List.copyOf(mounts);
        hooks = List.copyOf(hooks);
    }

    /**
     * A device node created in the container.
     *
     * @param hostPath empty when the spec leaves it out: the runtime then uses {@code path} on the host
     */
    public record DeviceNode(String path, Optional<String> hostPath) {
    }

    /** A bind mount from the host. */
    public record Mount(String hostPath, String containerPath) {
    }

    /**
     * An OCI hook the runtime runs for the container.
     *
     * @param env empty when the spec has no {@code env} key at all, which is what specs written
     *            before toolkit 1.17.8 look like (CVE-2025-23266); present, possibly as an empty
     *            list, when the key is there
     */
    public record Hook(String hookName, String path, List<String> args, Optional<List<String>> env) {

        public Hook {
            args = List.copyOf(args);
            env = env.map(List::copyOf);
        }

        /** How a person names it: {@code nvidia-cdi-hook update-ldcache}, else the path. */
        public String describe() {
            return args.size() >= 2 && path.endsWith("/" + args.get(0)) ? args.get(0) + " " + args.get(1) : path;
        }
    }
}
