package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.metrics.MetricsCompat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings one source gives (the config file, or the flags on the command line); an empty
 * value leaves the setting to the source below it.
 */
public record ServeOverrides(Optional<String> listenAddress, Optional<Path> webConfigFile, Optional<Path> rootfs,
                             Optional<String> nvmlLibrary, Optional<String> cudaLibrary, Optional<String> simulate,
                             Optional<Duration> collectInterval, Optional<Duration> callTimeout,
                             Optional<Integer> topProcesses, Optional<Duration> diagnoseInterval,
                             Optional<Duration> rediagnoseInterval,
                             Optional<Path> kmsgPath, Optional<Integer> maxRequestsInFlight,
                             Optional<String> logLevel, Optional<Boolean> loopbackWithoutAuth,
                             Optional<MetricsCompat> metricsCompat) {

    /** A source that sets nothing. */
    public static final ServeOverrides NONE = new ServeOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
