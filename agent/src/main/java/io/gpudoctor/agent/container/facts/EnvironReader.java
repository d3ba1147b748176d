package io.gpudoctor.agent.container.facts;

import io.gpudoctor.agent.hostfs.HostFileReader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's {@code /proc/<pid>/environ} on the host as bytes (never as text: decoding the
 * whole file would build Strings of secrets) and hands them to {@link EnvironParser}.
 */
final class EnvironReader {

    private EnvironReader() {
    }

    static Fact<ContainerEnvironment> read(HostFileReader host, long pid) {
        String hostPath = "/proc/" + pid + "/environ";
        Optional<Path> located = host.locate(hostPath);
        if (located.isEmpty()) {
            return Fact.unknown(hostPath + ": no such file");
        }
        if (!Files.isRegularFile(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Fact.unknown(hostPath + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(HostFileReader.DEFAULT_CAP + 1);
            if (bytes.length > HostFileReader.DEFAULT_CAP) {
                return Fact.unknown(hostPath + ": larger than " + HostFileReader.DEFAULT_CAP + " bytes");
            }
            return Fact.known(EnvironParser.parse(bytes));
        } catch (AccessDeniedException e) {
            return Fact.denied(hostPath);
        } catch (IOException e) {
            return Fact.unknown(hostPath + ": unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
