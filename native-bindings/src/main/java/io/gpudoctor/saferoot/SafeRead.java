package io.gpudoctor.saferoot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of reading one file inside a container root. Hostile content (a link out of the root,
 * a FIFO, a huge file) is a status here, never an exception.
 *
 * @param path    the path as asked for, inside the container
 * @param status  what happened
 * @param content the bytes read: the whole file for {@link SafeStatus#OK}, the first cap bytes for
 *                {@link SafeStatus#TOO_LARGE}, empty otherwise
 * @param problem why the status is not {@code OK}, for people; empty when it is
 */
public record SafeRead(String path, SafeStatus status, byte[] content, String problem) {

    public SafeRead {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        // Copied so that neither the caller nor the reader can change a result after the fact.
        content = content.clone();
    }

    static SafeRead failed(String path, SafeStatus status, String problem) {
        return new SafeRead(path, status, new byte[0], problem);
    }

    /** A copy of the bytes read. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The bytes read as UTF-8 (malformed bytes become U+FFFD). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Whether the whole file was read. */
    public boolean isOk() {
        return status == SafeStatus.OK;
    }

    /** Whether the content is only the first part of a larger file. */
    public boolean truncated() {
        return status == SafeStatus.TOO_LARGE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeRead that && path.equals(that.path) && status == that.status
                && Arrays.equals(content, that.content) && problem.equals(that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, status, Arrays.hashCode(content), problem);
    }

    @Override
    public String toString() {
        return "SafeRead[path=" + path + ", status=" + status + ", bytes=" + content.length + ", problem=" + problem + "]";
    }
}
