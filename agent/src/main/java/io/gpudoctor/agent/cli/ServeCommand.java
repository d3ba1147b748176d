package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.logging.LogSetup;
import io.gpudoctor.agent.serve.ConfigFileException;
import io.gpudoctor.agent.serve.Daemon;
import io.gpudoctor.agent.serve.DaemonStartException;
import io.gpudoctor.agent.serve.ServeConfigFile;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.settings.SettingOrigin;
import io.gpudoctor.agent.simulate.ScenarioException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpu-doctor serve}: the daemon. Settings come from the defaults, then {@code --config},
 * then the flags ({@link ServeSettings} declares each once, {@link SettingFlags} makes its flag);
 * it runs until SIGTERM or SIGINT, and then stops within the server's stop timeout.
 */
@Command(name = "serve",
        modelTransformer = SettingFlags.class,
        // In the order ServeSettings declares them: web, paths and libraries, collection, logging.
        sortOptions = false,
        description = {"Run the daemon: Prometheus metrics on /metrics, /diagnose, /api/v1/gpus, /api/v1/containers"
                + " and a status page on /.",
                "Flags override the --config file; the file's keys are the flags' names split at the dots."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings;
        HostRoots host;
        Daemon daemon;
        try {
            Map<Setting<?>, Object> file = config == null ? Map.of() : ServeConfigFile.read(config);
            settings = ServeSettings.defaults()
                    .with(file, config == null ? SettingOrigin.GIVEN : new SettingOrigin.ConfigFile(config))
                    .with(SettingFlags.given(spec.commandLine().getParseResult()), new SettingOrigin.Flag("serve"));
            LogSetup.daemon(settings.get(ServeSettings.LOG_LEVEL));
            host = HostRoots.of(settings.driverOptions());
            daemon = Daemon.start(host.driver(), host.root(), settings, Optional.ofNullable(config),
                    BuildInfo.version(), Clock.systemUTC());
        } catch (ConfigFileException | ScenarioException | DaemonStartException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("gpu-doctor serve: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("stopping: the process was asked to end");
            daemon.close();
            stopped.countDown();
        }, "gpu-doctor-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
