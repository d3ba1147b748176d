package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.hostfs.HostRootFiles;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.proc.HostProcess;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A host root under a test's temporary folder: fixture trees from
 * {@code src/test/resources/host/runtime}, single files on top, a process table, and the runtime
 * diagnosis run over it through a {@link DiagnosisEngine} of the engines' probes and checks alone.
 */
public final class HostTree {

    private final Path root;
    private final List<HostProcess> processes = new ArrayList<>();

    public HostTree(Path root) {
        this.root = root;
    }

    /** Copies the fixture tree {@code host/runtime/<name>} into the root. */
    public HostTree fixture(String name) {
        Path source = resource("/host/runtime/" + name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = root.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree file(String hostPath, String text) {
        HostRootFiles.write(root, hostPath, text);
        return this;
    }

    public HostTree bytes(String hostPath, byte[] content) {
        HostRootFiles.write(root, hostPath, content);
        return this;
    }

    public HostTree delete(String hostPath) {
        try {
            Files.deleteIfExists(path(hostPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree modified(String hostPath, Instant when) {
        try {
            Files.setLastModifiedTime(path(hostPath), FileTime.from(when));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A running process, as the process table would list it. */
    public HostTree process(long pid, String comm, Instant started) {
        processes.add(new HostProcess(pid, comm, Optional.of(started)));
        return this;
    }

    public HostFileReader reader() {
        return new HostFileReader(HostPaths.of(root));
    }

    public HostFacts facts() {
        return engine().probe(reader(), HostFacts.builder().put(ProcessTable.class, new ProcessTable(processes)));
    }

    public List<Finding> diagnose() {
        return engine().evaluate(facts());
    }

    /** The findings of one code. */
    public List<Finding> findings(FindingCode code) {
        return diagnose().stream().filter(f -> f.code() == code).toList();
    }

    private static DiagnosisEngine engine() {
        return new DiagnosisEngine(CheckRegistry.probesOf(Optional.empty(), Concern.ENGINES),
                CheckRegistry.checksOf(Concern.ENGINES));
    }

    private Path path(String hostPath) {
        return HostPaths.of(root).resolve(hostPath);
    }

    private static Path resource(String name) {
        URL url = HostTree.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
