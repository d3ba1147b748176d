package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CDI spec folders a runtime searches, {@code /etc/cdi} and {@code /var/run/cdi}: every
 * {@code *.yaml}, {@code *.json} (what runtimes read) and {@code *.yml} (what people write and
 * runtimes ignore), at most {@link #MAX_FILES_PER_FOLDER} per folder.
 */
public final class CdiSpecProbe implements HostProbe<CdiFacts> {

    static final String STATIC_DIR = "/etc/cdi";
    static final String DYNAMIC_DIR = "/var/run/cdi";

    /** nvidia-ctk writes one file per kind; a folder of hundreds is not worth reading in full. */
    static final int MAX_FILES_PER_FOLDER = 64;

    @Override
    public Class<CdiFacts> type() {
        return CdiFacts.class;
    }

    @Override
    public CdiFacts probe(HostFileReader files) {
        List<String> folders = List.of(STATIC_DIR, DYNAMIC_DIR);
        List<CdiSpecFile> specs = new ArrayList<>();
        for (String folder : folders) {
            files.list(folder).stream()
                    .filter(CdiSpecProbe::isSpecName)
                    .limit(MAX_FILES_PER_FOLDER)
                    .map(name -> files.read(folder + "/" + name))
                    // runtimes skip folders, whatever their name
                    .filter(file -> file.status() != HostFile.Status.NOT_A_FILE)
                    .map(CdiSpecProbe::parse)
                    .forEach(specs::add);
        }
        return new CdiFacts(folders, specs);
    }

    private static boolean isSpecName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".json") || name.endsWith(".yml");
    }

    private static CdiSpecFile parse(HostFile file) {
        return file.isOk() ? CdiSpecParser.parse(file.path(), file.text()) : CdiSpecFile.unread(file.path(), file.problem());
    }
}
