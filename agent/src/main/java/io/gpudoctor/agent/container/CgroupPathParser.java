package io.gpudoctor.agent.container;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code /proc/<pid>/cgroup}: which container, if any, a process belongs to.
 *
 * <p>Every line ({@code N:controllers:/path} for cgroup v1, {@code 0::/path} for v2) is read and the
 * first one whose path names a container wins: under v1 all controllers carry the same path for a
 * container, and under a hybrid layout the {@code 0::} line may be just {@code /}. Within a path the
 * last segment that names a container wins, so that sub-cgroups a runtime creates below its scope
 * (podman's {@code libpod-<id>.scope/container}) and {@code ..} segments seen through a cgroup
 * namespace do not matter.
 */
final class CgroupPathParser {

    private static final String ID = "([0-9a-f]{64})";

    /** conmon and the monitors of CRI-O and podman live next to the container, but are not in it. */
    private static final Pattern MONITOR = Pattern.compile("(?:crio|libpod)-conmon-[0-9a-f]{64}(?:\\.scope)?");
    private static final Pattern DOCKER_SCOPE = Pattern.compile("docker-" + ID + "\\.scope");
    private static final Pattern CONTAINERD_SCOPE = Pattern.compile("cri-containerd-" + ID + "\\.scope");
    private static final Pattern CRIO_SCOPE = Pattern.compile("crio-" + ID + "(?:\\.scope)?");
    private static final Pattern PODMAN_SCOPE = Pattern.compile("libpod-(?:payload-)?" + ID + "(?:\\.scope)?");
    private static final Pattern BARE_ID = Pattern.compile(ID);

    /** cgroupfs driver: {@code pod<uid>}; systemd driver: {@code kubepods-<qos>-pod<uid with _>.slice}. */
    private static final Pattern POD_CGROUPFS = Pattern.compile("pod([0-9a-f][0-9a-f-]{7,63})");
    private static final Pattern POD_SLICE = Pattern.compile("kubepods(?:-[a-z]+)?-pod([0-9a-f][0-9a-f_]{7,63})\\.slice");

    private CgroupPathParser() {
    }

    /** The container of the process whose cgroup file is {@code content}; empty for a host process or unreadable input. */
    public static Optional<CgroupMembership> parse(String content) {
        for (String line : content.split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3 || fields[0].isEmpty() || !fields[0].chars().allMatch(Character::isDigit)
                    || !fields[2].startsWith("/")) {
                continue;
            }
            Optional<CgroupMembership> membership = fromPath(fields[2].strip());
            if (membership.isPresent()) {
                return membership;
            }
        }
        return Optional.empty();
    }

    private static Optional<CgroupMembership> fromPath(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            if (MONITOR.matcher(segment).matches()) {
                return Optional.empty();
            }
            Optional<ContainerRuntime> runtime = Optional.empty();
            String id = null;
            for (Layout layout : Layout.values()) {
                Matcher m = layout.pattern.matcher(segment);
                if (m.matches()) {
                    id = m.group(1);
                    runtime = Optional.of(layout.runtime(segments, i));
                    break;
                }
            }
            if (runtime.isPresent()) {
                return Optional.of(new CgroupMembership(runtime.get(), id, podUid(segments, i)));
            }
        }
        return Optional.empty();
    }

    /** The pod UID from a segment above the container's, only under a {@code kubepods} hierarchy. */
    private static Optional<String> podUid(String[] segments, int containerIndex) {
        boolean kubepods = false;
        for (int i = 0; i < containerIndex; i++) {
            String segment = segments[i];
            if (segment.equals("kubepods") || segment.startsWith("kubepods.") || segment.startsWith("kubepods-")) {
                kubepods = true;
            }
            if (!kubepods) {
                continue;
            }
            Matcher slice = POD_SLICE.matcher(segment);
            if (slice.matches()) {
                return Optional.of(slice.group(1).replace('_', '-'));
            }
            Matcher plain = POD_CGROUPFS.matcher(segment);
            if (plain.matches()) {
                return Optional.of(plain.group(1));
            }
        }
        return Optional.empty();
    }

    /** The segment shapes that name a container, most specific first. */
    private enum Layout {
        DOCKER(DOCKER_SCOPE),
        CONTAINERD(CONTAINERD_SCOPE),
        CRIO(CRIO_SCOPE),
        PODMAN(PODMAN_SCOPE),
        BARE(BARE_ID);

        private final Pattern pattern;

        Layout(Pattern pattern) {
            this.pattern = pattern;
        }

        ContainerRuntime runtime(String[] segments, int index) {
            return switch (this) {
                case DOCKER -> ContainerRuntime.DOCKER;
                case CONTAINERD -> ContainerRuntime.CONTAINERD;
                case CRIO -> ContainerRuntime.CRIO;
                case PODMAN -> ContainerRuntime.PODMAN;
                // Docker's cgroupfs driver puts containers under /docker; anything else holding a bare
                // id (/kubepods/..., ctr's /<namespace>) is containerd's unless its files say otherwise.
                case BARE -> index > 0 && segments[index - 1].equals("docker")
                        ? ContainerRuntime.DOCKER : ContainerRuntime.CONTAINERD;
            };
        }
    }
}
