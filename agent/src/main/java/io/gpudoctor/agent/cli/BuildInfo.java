package io.gpudoctor.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code build.properties} at build time. */
final class BuildInfo implements IVersionProvider {

    /** The project version, e.g. {@code 0.1.0}. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/gpudoctor/agent/build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gpu-doctor " + version()};
    }
}
