package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.metrics.MetricsCompat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code gpu-doctor serve} runs with, after the defaults, the config file and the
 * flags were applied in that order (a flag overrides the file, the file overrides a default).
 *
 * @param listenAddress       {@code HOST:PORT}, {@code :PORT} or {@code [IPv6]:PORT}
 * @param webConfigFile       the exporter-toolkit web config (TLS, basic auth, headers)
 * @param collectInterval     time between two GPU collections
 * @param callTimeout         the deadline of each native call
 * @param topProcesses        per-process metric series per GPU
 * @param diagnoseInterval    time between two host diagnoses
 * @param rediagnoseInterval  how long a watched container's findings are kept before it is diagnosed again
 * @param kmsgPath            a file holding the kernel log, instead of the host's /dev/kmsg
 * @param maxRequestsInFlight requests answered at once; more wait briefly, then get 503
 * @param logLevel            {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param loopbackWithoutAuth whether loopback clients need no credentials when the web config has basic-auth users
 * @param metricsCompat       which other exporter's families {@code /metrics} also writes
 */
public record ServeSettings(String listenAddress, Optional<Path> webConfigFile, Path rootfs, LibraryChoice nvml,
                            LibraryChoice cuda, Optional<String> simulate, Duration collectInterval,
                            Duration callTimeout, int topProcesses, Duration diagnoseInterval,
                            Duration rediagnoseInterval,
                            Optional<Path> kmsgPath, int maxRequestsInFlight, String logLevel,
                            boolean loopbackWithoutAuth, MetricsCompat metricsCompat) {

    /** What serve runs with when neither a file nor a flag says otherwise. */
    public static final ServeSettings DEFAULTS = new ServeSettings(":9842", Optional.empty(), Path.of("/"),
            LibraryChoice.SEARCH, LibraryChoice.SEARCH, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(2),
            32, Duration.ofSeconds(60), Duration.ofMinutes(5), Optional.empty(), 16, "info", false,
            MetricsCompat.NONE);

    /** These settings with every value {@code overrides} sets replacing this one's. */
    public ServeSettings with(ServeOverrides overrides) {
        ServeSettings s = new ServeSettings(
                overrides.listenAddress().orElse(listenAddress),
                overrides.webConfigFile().or(() -> webConfigFile),
                overrides.rootfs().orElse(rootfs),
                overrides.nvmlLibrary().map(LibraryChoice::parse).orElse(nvml),
                overrides.cudaLibrary().map(LibraryChoice::parse).orElse(cuda),
                overrides.simulate().or(() -> simulate),
                overrides.collectInterval().orElse(collectInterval),
                overrides.callTimeout().orElse(callTimeout),
                overrides.topProcesses().orElse(topProcesses),
                overrides.diagnoseInterval().orElse(diagnoseInterval),
                overrides.rediagnoseInterval().orElse(rediagnoseInterval),
                overrides.kmsgPath().or(() -> kmsgPath),
                overrides.maxRequestsInFlight().orElse(maxRequestsInFlight),
                overrides.logLevel().orElse(logLevel),
                overrides.loopbackWithoutAuth().orElse(loopbackWithoutAuth),
                overrides.metricsCompat().orElse(metricsCompat));
        s.validate();
        return s;
    }

    /** Where the driver is to be reached, as the other commands take it. */
    public DriverOptions driverOptions() {
        return new DriverOptions(rootfs, nvml, cuda, simulate);
    }

    private void validate() {
        atLeast("collect.interval", collectInterval, Duration.ofMillis(100));
        atLeast("collect.call-timeout", callTimeout, Duration.ofMillis(10));
        atLeast("diagnose.interval", diagnoseInterval, Duration.ofSeconds(1));
        atLeast("containers.rediagnose-interval", rediagnoseInterval, Duration.ofSeconds(1));
        if (topProcesses < 1 || topProcesses > 10_000) {
            throw new IllegalArgumentException("collect.top-processes must be between 1 and 10000, not " + topProcesses);
        }
        if (maxRequestsInFlight < 1 || maxRequestsInFlight > 10_000) {
            throw new IllegalArgumentException(
                    "web.max-requests-in-flight must be between 1 and 10000, not " + maxRequestsInFlight);
        }
        if (!logLevel.matches("debug|info|warn|error")) {
            throw new IllegalArgumentException("log.level must be one of debug, info, warn, error, not '" + logLevel + "'");
        }
    }

    private static void atLeast(String name, Duration value, Duration least) {
        if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + DurationText.format(least) + ", not "
                    + DurationText.format(value));
        }
    }
}
