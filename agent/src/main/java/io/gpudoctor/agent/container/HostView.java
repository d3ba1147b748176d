package io.gpudoctor.agent.container;

import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The host one command or the daemon looks at: its one file reader, which owns the host root, and
 * its one container resolver. Made once in the composition root ({@code serve}, each CLI command)
 * and passed down, so that every component reads the same root the same way and shares one scan of
 * its processes (docs/design.md, "The host root").
 *
 * @param files      every host file is read through it
 * @param containers the containers running under that root
 */
public record HostView(HostFileReader files, ContainerResolver containers) {

    /** The host under {@code root}; {@code clock} dates the scans of its processes. */
    public static HostView at(Path root, Clock clock) {
        HostFileReader files = new HostFileReader(HostPaths.of(root));
        return new HostView(files, new ContainerResolver(files, clock));
    }

    /** Where host paths lie on this machine. */
    public HostPaths paths() {
        return files.paths();
    }
}
