package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.metrics.dcgm.DcgmField;
import io.gpudoctor.agent.metrics.dcgm.DcgmFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md's parity table stays true: a row for every field of dcgm-exporter's two counter
 * lists (real files from its repository), each saying whether dcgm-exporter enables it and
 * whether DCGM mode writes it as the mapping table does, with a reason where it does not.
 */
class DcgmParityTableTest {

    private static final Path DOC = Path.of("../docs/metrics.md");
    private static final Path LISTS = Path.of("src/test/resources/io/gpudoctor/agent/dcgm");
    private static final Pattern CSV_FIELD = Pattern.compile("^\\s*(#\\s*)?(DCGM_(?:FI|EXP)_[A-Z0-9_]+)\\s*,\\s*(\\w+)");
    /** The DCGM field dcgm-exporter writes as a label on every series rather than as a family. */
    private static final String DRIVER_LABEL = "DCGM_FI_DRIVER_VERSION";

    private record Listed(boolean enabled, boolean label) {
    }

    private record Row(String field, String exporter, String mode, String notes) {
    }

    private static Map<String, Listed> listed() throws IOException {
        Map<String, Listed> fields = new LinkedHashMap<>();
        for (String list : List.of("default-counters.csv", "dcp-metrics-included.csv")) {
            for (String line : Files.readAllLines(LISTS.resolve(list))) {
                Matcher m = CSV_FIELD.matcher(line);
                if (m.find()) {
                    boolean enabled = m.group(1) == null;
                    fields.merge(m.group(2), new Listed(enabled, m.group(3).equals("label")),
                            (a, b) -> new Listed(a.enabled() || b.enabled(), a.label()));
                }
            }
        }
        return fields;
    }

    private static Map<String, Row> rows() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| `DCGM_")) {
                String[] cells = line.split("\\|", -1);
                String field = cells[1].strip().replace("`", "");
                rows.put(field, new Row(field, cells[2].strip(), cells[4].strip(), cells[6].strip()));
            }
        }
        return rows;
    }

    @Test
    void everyFieldOfDcgmExportersListsHasOneRow() throws IOException {
        assertThat(rows().keySet()).containsExactlyInAnyOrderElementsOf(listed().keySet());
    }

    @Test
    void eachRowSaysWhetherDcgmExporterEnablesTheField() throws IOException {
        Map<String, Row> rows = rows();
        listed().forEach((field, l) -> assertThat(rows.get(field).exporter()).as(field)
                .isEqualTo((l.enabled() ? "on" : "off") + (l.label() ? " (label)" : "")));
    }

    @Test
    void theRowsExportedInDcgmModeAreExactlyTheMappingTablesFields() throws IOException {
        Set<String> mapped = DcgmFields.ALL.stream().map(DcgmField::name).collect(Collectors.toSet());
        rows().values().forEach(r -> assertThat(r.mode()).as(r.field())
                .isEqualTo(mapped.contains(r.field()) || r.field().equals(DRIVER_LABEL) ? "yes" : "no"));
    }

    @Test
    void aFieldDcgmModeDoesNotWriteSaysWhy() throws IOException {
        rows().values().stream().filter(r -> r.mode().equals("no"))
                .forEach(r -> assertThat(r.notes()).as(r.field()).isNotBlank());
    }
}
