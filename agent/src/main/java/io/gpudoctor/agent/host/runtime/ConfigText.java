package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.Optional;

/**
 * A configuration file as its parser needs it: absent, its text, or the reason it could not be
 * read. An oversized, unreadable or non-regular file is a problem of the configuration, because
 * the engine that owns it cannot use it either.
 */
public record ConfigText(String path, boolean present, Optional<String> text, Optional<ConfigProblem> problem) {

    /** Reads a host file; never throws. */
    public static ConfigText read(HostFileReader files, String path) {
        return of(files.read(path));
    }

    public static ConfigText of(HostFile file) {
        if (file.status() == HostFile.Status.MISSING) {
            return new ConfigText(file.path(), false, Optional.empty(), Optional.empty());
        }
        if (!file.isOk()) {
            return new ConfigText(file.path(), true, Optional.empty(),
                    Optional.of(ConfigProblem.unread(file.path(), file.problem())));
        }
        return new ConfigText(file.path(), true, Optional.of(stripByteOrderMark(file.text())), Optional.empty());
    }

    // Editors on other systems save a BOM, which the engines' own parsers skip.
    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
