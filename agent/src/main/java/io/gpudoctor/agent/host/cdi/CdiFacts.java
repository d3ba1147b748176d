package io.gpudoctor.agent.host.cdi;

import java.util.List;

/**
 * The CDI spec files on the host.
 *
 * @param folders the spec folders searched, as host paths
 * @param files   every spec file found there (bounded), valid or not, in folder then name order
 */
public record CdiFacts(List<String> folders, List<CdiSpecFile> files) {

    public CdiFacts {
        folders = List.copyOf(folders);
        files = List.copyOf(files);
    }

    /** The specs a runtime would accept. */
    public List<CdiSpecFile> validFiles() {
        return files.stream().filter(CdiSpecFile::valid).toList();
    }

    /** Valid specs of the vendor ({@code nvidia.com}). */
    public List<CdiSpecFile> validFilesOf(String vendor) {
        return validFiles().stream().filter(f -> f.spec().orElseThrow().vendor().equals(vendor)).toList();
    }
}
