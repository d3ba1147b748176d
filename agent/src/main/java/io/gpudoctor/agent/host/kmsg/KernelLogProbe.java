package io.gpudoctor.agent.host.kmsg;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.kmsg.KmsgReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the kernel log: the host's {@code /dev/kmsg} (under the root) without blocking, or, with
 * {@code --kmsg.path FILE}, a saved {@code dmesg} or kmsg dump. Only the newest
 * {@link #TAIL_BYTES} of a file are read: recent messages matter most, and a log may be huge.
 */
public final class KernelLogProbe implements HostProbe<KernelLog> {

    static final String KMSG = "/dev/kmsg";
    static final int TAIL_BYTES = 8 << 20;

    private final Optional<Path> file;

    /** @param file a kernel log file to read instead of the host's {@code /dev/kmsg} ({@code --kmsg.path}) */
    public KernelLogProbe(Optional<Path> file) {
        this.file = file;
    }

    @Override
    public Class<KernelLog> type() {
        return KernelLog.class;
    }

    @Override
    public KernelLog probe(HostFileReader files) {
        if (file.isPresent()) {
            return fromFile(file.get().toString(), file.get());
        }
        Path device = files.paths().resolve(KMSG);
        if (!Files.exists(device)) {
            return KernelLog.unreadable(KMSG, "no such file");
        }
        // A fixture tree or a copied root holds a plain file where the host has the device.
        if (Files.isRegularFile(device)) {
            return fromFile(KMSG, device);
        }
        try {
            String text = String.join("\n", KmsgReader.read(device, KmsgReader.Limits.DEFAULT));
            return new KernelLog(KMSG, Optional.empty(), KernelLogEvents.parse(text));
        } catch (IOException e) {
            return KernelLog.unreadable(KMSG, e.getMessage());
        }
    }

    private static KernelLog fromFile(String source, Path path) {
        if (!Files.isRegularFile(path)) {
            return KernelLog.unreadable(source, Files.exists(path) ? "not a regular file" : "no such file");
        }
        try {
            return new KernelLog(source, Optional.empty(), KernelLogEvents.parse(LogFileTail.read(path, TAIL_BYTES)));
        } catch (IOException | RuntimeException e) {
            return KernelLog.unreadable(source, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
