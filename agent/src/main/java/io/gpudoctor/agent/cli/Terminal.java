package io.gpudoctor.agent.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether output goes to a person's terminal that wants colours (https://no-color.org). */
final class Terminal {

    /** The width of a terminal that does not say. */
    private static final int DEFAULT_WIDTH = 80;

    private Terminal() {
    }

    /**
     * The terminal's width in columns for wrapping prose; 0 (no wrapping) when output is not a
     * terminal, so that a pipe or a file gets whole lines. {@code COLUMNS} wins where the shell
     * exports it; otherwise {@code stty size} on the terminal, else 80.
     */
    static int width() {
        if (System.console() == null) {
            return 0;
        }
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(columns);
        }
        return sttyColumns().orElse(DEFAULT_WIDTH);
    }

    private static Optional<Integer> sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0 || !size.matches("\\d+ [1-9]\\d{0,3}")) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(size.substring(size.indexOf(' ') + 1)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static boolean colours() {
        return System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }
}
