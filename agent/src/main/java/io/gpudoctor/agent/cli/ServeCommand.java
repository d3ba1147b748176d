package io.gpudoctor.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor serve}: the daemon (metrics, /diagnose, status page). Not built yet. */
@Command(name = "serve", description = "Run the daemon: Prometheus metrics, /diagnose and a status page (not built yet).")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DriverMixin driver;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    private Path config;

    @Option(names = "--web.listen-address", paramLabel = "HOST:PORT", defaultValue = ":9842",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String listenAddress;

    @Option(names = "--web.config.file", paramLabel = "FILE",
            description = "Prometheus exporter-toolkit web configuration (TLS, basic auth).")
    private Path webConfig;

    @Option(names = "--kmsg.path", paramLabel = "FILE",
            description = "Read the kernel log from this file instead of the host's /dev/kmsg.")
    private Path kmsgPath;

    @Option(names = "--collect.interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between two collections (default: ${DEFAULT-VALUE}).")
    private String collectInterval;

    @Override
    public Integer call() {
        return NotBuiltYet.answer(spec);
    }
}
