package io.gpudoctor.agent.compat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gpudoctor.nvml.ComputeCapability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tables of cuda-compat.md as shipped in {@code cuda-compat.yaml}: toolkit minimum drivers,
 * minor version and forward compatibility, the driver branch lifecycle, the CUDA releases newer than
 * the rows, each architecture's floors and ceilings, torch wheels and GPU models. Every
 * row names its sources by id; loading fails on an id that is not in {@code sources}.
 */
public record CompatTable(Map<String, Source> sources, List<ToolkitRelease> toolkitReleases,
        List<MinorVersionFamily> minorVersionFamilies, List<String> minorVersionCaveats,
        ForwardCompatibility forwardCompatibility, List<DriverBranch> driverBranches, NewerReleases newerReleases,
        List<ArchitectureSupport> architectures, TorchWheels torchWheels, GpuCatalog gpuModels) {

    private static final String RESOURCE = "cuda-compat.yaml";

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("gpu-doctor-compat")
                    .addDeserializer(DriverVersion.class, fromText(DriverVersion.class, DriverVersion::parse))
                    .addDeserializer(ToolkitVersion.class, fromText(ToolkitVersion.class, ToolkitVersion::parse))
                    .addDeserializer(ComputeCapability.class,
                            fromText(ComputeCapability.class, ComputeCapability::parse))
                    .addDeserializer(BuildArchitectures.class,
                            fromText(BuildArchitectures.class, BuildArchitectures::parse))
                    .addDeserializer(YearMonth.class, fromText(YearMonth.class, CompatTable::yearMonth)))
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public CompatTable {
        Map<String, Source> named = new LinkedHashMap<>();
        // The YAML keys sources by id; the id is put back into each entry here.
        sources.forEach((id, s) -> named.put(id, new Source(id, s.title(), s.url(), s.confirmed())));
        sources = Collections.unmodifiableMap(named);
        toolkitReleases = List.copyOf(toolkitReleases);
        minorVersionFamilies = List.copyOf(minorVersionFamilies);
        minorVersionCaveats = List.copyOf(minorVersionCaveats);
        driverBranches = driverBranches == null ? List.of() : List.copyOf(driverBranches);
        newerReleases = newerReleases == null ? new NewerReleases(newestRow(toolkitReleases), List.of(), List.of())
                : newerReleases;
        architectures = List.copyOf(architectures);
        List<String> unknown = new ArrayList<>();
        for (String id : referencedSourceIds(toolkitReleases, minorVersionFamilies, forwardCompatibility,
                driverBranches, newerReleases, architectures, torchWheels, gpuModels)) {
            if (!named.containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the compatibility table names unknown sources " + unknown);
        }
    }

    /** The table shipped with gpu-doctor. */
    public static CompatTable shipped() {
        try (InputStream in = CompatTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a table in the shape of {@code cuda-compat.yaml}. */
    public static CompatTable read(InputStream yaml) throws IOException {
        return MAPPER.readValue(yaml, CompatTable.class);
    }

    /** The sources behind these ids, in order, each once. */
    public List<Source> sources(List<String> ids) {
        return ids.stream().distinct().map(sources::get).toList();
    }

    public Optional<MinorVersionFamily> minorVersionFamily(int cudaMajor) {
        return minorVersionFamilies.stream().filter(f -> f.cudaMajor() == cudaMajor).findFirst();
    }

    public Optional<ArchitectureSupport> architecture(ComputeCapability capability) {
        return architectures.stream().filter(a -> a.includes(capability)).findFirst();
    }

    public Optional<DriverBranch> driverBranch(int branch) {
        return driverBranches.stream().filter(b -> b.branch() == branch).findFirst();
    }

    /** The newest CUDA minor release that has a Table 3 row. */
    public ToolkitVersion newestRow() {
        return newestRow(toolkitReleases);
    }

    private static ToolkitVersion newestRow(List<ToolkitRelease> releases) {
        return releases.stream().map(ToolkitRelease::cuda).max(ToolkitVersion::compareMinorRelease)
                .orElseThrow(() -> new IllegalArgumentException("the compatibility table has no toolkit releases"));
    }

    private static YearMonth yearMonth(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a year and month (want YYYY-MM): '" + text + "'", e);
        }
    }

    private static List<String> referencedSourceIds(List<ToolkitRelease> releases,
            List<MinorVersionFamily> families, ForwardCompatibility forward, List<DriverBranch> branches,
            NewerReleases newer, List<ArchitectureSupport> architectures, TorchWheels torch, GpuCatalog gpus) {
        return Stream.of(
                releases.stream().flatMap(r -> r.sources().stream()),
                families.stream().flatMap(f -> f.sources().stream()),
                forward.sources().stream(),
                forward.newFeatureBranchSources().stream(),
                branches.stream().flatMap(b -> b.sources().stream()),
                newer.sources().stream(),
                newer.releases().stream().flatMap(r -> r.sources().stream()),
                architectures.stream().flatMap(a -> a.sources().stream()),
                torch.sources().stream(),
                gpus.sources().stream())
                .flatMap(Function.identity())
                .toList();
    }


    /** Versions are written as strings in the YAML and parsed by their own strict parsers. */
    private static <T> StdScalarDeserializer<T> fromText(Class<T> type, Function<String, T> parse) {
        return new StdScalarDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    return type.cast(context.handleWeirdStringValue(type, text, e.getMessage()));
                }
            }
        };
    }
}
