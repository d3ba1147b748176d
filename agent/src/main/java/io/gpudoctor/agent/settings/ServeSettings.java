package io.gpudoctor.agent.settings;

import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.host.driver.ExpectedGpuCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every setting of {@code gpu-doctor serve}, each declared once below, and the values one run has:
 * the defaults, then the config file's, then the flags' (a flag overrides the file, the file a
 * default). The command line, the YAML file, the help and the daemon read this list; nothing else
 * declares a setting (docs/design.md, "Adding a setting").
 */
public final class ServeSettings {

    public static final Setting<String> LISTEN_ADDRESS = new Setting<>("web.listen-address", "HOST:PORT",
            Optional.of(":9842"), "Address to listen on: HOST:PORT, :PORT or [IPv6]:PORT.", Setting.Yaml.TEXT,
            Function.identity(), ServeSettings::anyValue);
    public static final Setting<Path> WEB_CONFIG_FILE = new Setting<>("web.config.file", "FILE", Optional.empty(),
            "Prometheus exporter-toolkit web configuration (TLS, basic auth, headers); unset: plain HTTP, no auth.",
            Setting.Yaml.TEXT, Path::of, ServeSettings::anyValue);
    public static final Setting<Integer> MAX_REQUESTS_IN_FLIGHT = new Setting<>("web.max-requests-in-flight", "N",
            Optional.of(16), "Requests answered at once; more wait up to 2 s, fewest outstanding per client first,"
            + " then get 503.", Setting.Yaml.INTEGER, ServeSettings::integer, between(1, 10_000));
    public static final Setting<Boolean> LOOPBACK_WITHOUT_AUTH = new Setting<>("web.loopback-without-auth",
            "true|false", Optional.of(false), "With basic-auth users in the web config, still let loopback clients in"
            + " without credentials (exporter-toolkit asks everyone, on every path).", Setting.Yaml.BOOLEAN,
            ServeSettings::bool, ServeSettings::anyValue);
    public static final Setting<Path> ROOTFS = new Setting<>("path.rootfs", "DIR", Optional.of(Path.of("/")),
            "Host root: host files and the NVIDIA libraries are read under it.", Setting.Yaml.TEXT, Path::of,
            ServeSettings::anyValue);
    public static final Setting<LibraryChoice> NVML_LIBRARY = new Setting<>("nvml.library", "PATH|none",
            Optional.of(LibraryChoice.SEARCH), "Load NVML from this file, or 'none' to not load it (default: search"
            + " the root).", Setting.Yaml.TEXT, LibraryChoice::parse, ServeSettings::anyValue);
    public static final Setting<LibraryChoice> CUDA_LIBRARY = new Setting<>("cuda.library", "PATH|none",
            Optional.of(LibraryChoice.SEARCH), "Load libcuda from this file, or 'none' to not load it (default:"
            + " search the root).", Setting.Yaml.TEXT, LibraryChoice::parse, ServeSettings::anyValue);
    public static final Setting<String> SIMULATE = new Setting<>("simulate", "NAME|DIR", Optional.empty(),
            "Use a simulated driver and host: a scenario shipped with gpu-doctor, or a folder.", Setting.Yaml.TEXT,
            Function.identity(), ServeSettings::anyValue);
    public static final Setting<Path> KMSG_PATH = new Setting<>("kmsg.path", "FILE", Optional.empty(),
            "Read the kernel log (Xid lines) from this file, such as saved dmesg output, instead of the host's"
            + " /dev/kmsg.", Setting.Yaml.TEXT, Path::of, ServeSettings::anyValue);
    public static final Setting<Duration> COLLECT_INTERVAL = new Setting<>("collect.interval", "DURATION",
            Optional.of(Duration.ofSeconds(5)), "Time between two GPU collections.", Setting.Yaml.TEXT,
            DurationText::parse, atLeast(Duration.ofMillis(100)));
    public static final Setting<Duration> COLLECT_CALL_TIMEOUT = new Setting<>("collect.call-timeout", "DURATION",
            Optional.of(Duration.ofSeconds(2)), "Deadline of each driver call; a call past it is abandoned.",
            Setting.Yaml.TEXT, DurationText::parse, atLeast(Duration.ofMillis(10)));
    public static final Setting<Integer> COLLECT_TOP_PROCESSES = new Setting<>("collect.top-processes", "N",
            Optional.of(32), "Per-process metric series per GPU, the largest first.", Setting.Yaml.INTEGER,
            ServeSettings::integer, between(1, 10_000));
    public static final Setting<Duration> DIAGNOSE_INTERVAL = new Setting<>("diagnose.interval", "DURATION",
            Optional.of(Duration.ofSeconds(60)), "Time between two host diagnoses.", Setting.Yaml.TEXT,
            DurationText::parse, atLeast(Duration.ofSeconds(1)));
    public static final Setting<Duration> CONTAINERS_REDIAGNOSE_INTERVAL = new Setting<>(
            "containers.rediagnose-interval", "DURATION", Optional.of(Duration.ofMinutes(5)),
            "Time a container that asked for a GPU keeps its findings before it is diagnosed again; a new container"
            + " is diagnosed when it appears.", Setting.Yaml.TEXT, DurationText::parse, atLeast(Duration.ofSeconds(1)));
    public static final Setting<Integer> GPUS_EXPECTED = new Setting<>("gpus.expected", "N", Optional.empty(),
            "GPUs the node has: fewer in NVML is GPU_COUNT_BELOW_EXPECTED, even for a GPU gone from the PCI bus;"
            + " 0 or unset: the NVIDIA GPUs on the PCI bus are expected.", Setting.Yaml.INTEGER, ServeSettings::integer,
            between(0, 64));
    public static final Setting<MetricsCompat> METRICS_COMPAT = new Setting<>("metrics.compat", "MODE",
            Optional.of(MetricsCompat.NONE), "none, or dcgm: also export dcgm-exporter's DCGM_FI_* families, units"
            + " and labels, so its dashboards and alerts work unchanged.", Setting.Yaml.TEXT, MetricsCompat::parse,
            ServeSettings::anyValue);
    public static final Setting<String> LOG_LEVEL = new Setting<>("log.level", "LEVEL", Optional.of("info"),
            "debug, info, warn or error.", Setting.Yaml.TEXT, Function.identity(), ServeSettings::logLevel);

    /** Every setting, in the order the help lists them. */
    public static final List<Setting<?>> ALL = List.of(LISTEN_ADDRESS, WEB_CONFIG_FILE, MAX_REQUESTS_IN_FLIGHT,
            LOOPBACK_WITHOUT_AUTH, ROOTFS, NVML_LIBRARY, CUDA_LIBRARY, SIMULATE, KMSG_PATH, COLLECT_INTERVAL,
            COLLECT_CALL_TIMEOUT, COLLECT_TOP_PROCESSES, DIAGNOSE_INTERVAL, CONTAINERS_REDIAGNOSE_INTERVAL,
            GPUS_EXPECTED, METRICS_COMPAT, LOG_LEVEL);

    /** The settings that say where the driver is: the one-shot commands take them too. */
    public static final List<Setting<?>> DRIVER = List.of(ROOTFS, NVML_LIBRARY, CUDA_LIBRARY, SIMULATE);

    /**
     * Names the config file also accepts for a setting: files written before the keys were derived
     * from the flags keep working.
     */
    public static final Map<String, Setting<?>> FORMER_NAMES = Map.of("web.config-file", WEB_CONFIG_FILE);

    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error");

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, SettingOrigin> origins;

    private ServeSettings(Map<Setting<?>, Object> values, Map<Setting<?>, SettingOrigin> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /** What serve runs with when neither the file nor a flag says otherwise. */
    public static ServeSettings defaults() {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            setting.fallback().ifPresent(value -> values.put(setting, value));
        }
        return new ServeSettings(values, Map.of());
    }

    /** The setting of that dotted name, or of a former one. */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).<Setting<?>>map(s -> s).findFirst()
                .or(() -> Optional.ofNullable(FORMER_NAMES.get(name)));
    }

    /**
     * These settings with {@code given}'s values replacing theirs, each held to its setting's range.
     *
     * @throws IllegalArgumentException naming the setting whose value is refused
     */
    public ServeSettings with(Map<Setting<?>, ?> given) {
        return with(given, SettingOrigin.GIVEN);
    }

    /**
     * These settings with {@code given}'s values replacing theirs, as {@link #with(Map)}, each
     * remembered as given at {@code origin}.
     *
     * @throws IllegalArgumentException naming the setting whose value is refused
     */
    public ServeSettings with(Map<Setting<?>, ?> given, SettingOrigin origin) {
        Map<Setting<?>, Object> merged = new LinkedHashMap<>(values);
        Map<Setting<?>, SettingOrigin> from = new LinkedHashMap<>(origins);
        given.forEach((setting, value) -> {
            setting.check(value);
            merged.put(setting, value);
            from.put(setting, origin);
        });
        return new ServeSettings(merged, from);
    }

    /** The value of a setting that has a default (or was given). */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(setting.name() + " has no default"));
    }

    /** The value of a setting, empty when it is unset. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable((T) values.get(setting));
    }

    /**
     * A given setting and its value, named where it was given ({@code --gpus.expected=8 (serve flag)});
     * empty when it is at its default or unset.
     */
    public Optional<String> describe(Setting<?> setting) {
        return Optional.ofNullable(origins.get(setting)).map(o -> o.describe(setting, text(values.get(setting))));
    }

    /** Where the driver is to be reached, as the other commands take it. */
    public DriverOptions driverOptions() {
        return new DriverOptions(get(ROOTFS), get(NVML_LIBRARY), get(CUDA_LIBRARY), find(SIMULATE));
    }

    /** The GPUs the node should have, as {@code gpus.expected} says: none unless given, or given as 0. */
    public Optional<ExpectedGpuCount> expectedGpus() {
        return describe(GPUS_EXPECTED).flatMap(source -> ExpectedGpuCount.of(get(GPUS_EXPECTED), source));
    }

    private static String text(Object value) {
        return value instanceof Duration d ? DurationText.format(d) : String.valueOf(value);
    }

    private static <T> void anyValue(String name, T value) {
        // Any value its reader accepts is in range.
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
        }
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
        };
    }

    private static Setting.Checker<Integer> between(int least, int most) {
        return (name, value) -> {
            if (value < least || value > most) {
                throw new IllegalArgumentException(name + " must be between " + least + " and " + most + ", not " + value);
            }
        };
    }

    private static Setting.Checker<Duration> atLeast(Duration least) {
        return (name, value) -> {
            if (value.compareTo(least) < 0) {
                throw new IllegalArgumentException(name + " must be at least " + DurationText.format(least) + ", not "
                        + DurationText.format(value));
            }
        };
    }

    private static void logLevel(String name, String value) {
        if (!LOG_LEVELS.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of debug, info, warn, error, not '" + value + "'");
        }
    }
}
