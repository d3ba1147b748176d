package io.gpudoctor.agent.container.facts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Random access to one file's bytes, a bounded part per call: how a parser reaches an index that
 * lies at the end of a file too large to read whole (ELF section headers of a 40 MB libcuda).
 */
@FunctionalInterface
interface FileRanges {

    /**
     * At most {@code length} bytes from {@code offset}: fewer at the end of the file, none past it;
     * empty when the file cannot be read.
     */
    Optional<byte[]> read(long offset, int length);

    /** The ranges of bytes already in memory (a whole file, or its first part). */
    static FileRanges of(byte[] bytes) {
        return (offset, length) -> {
            if (offset < 0 || length < 0) {
                return Optional.empty();
            }
            int from = (int) Math.min(offset, bytes.length);
            return Optional.of(Arrays.copyOfRange(bytes, from, (int) Math.min((long) from + length, bytes.length)));
        };
    }
}
