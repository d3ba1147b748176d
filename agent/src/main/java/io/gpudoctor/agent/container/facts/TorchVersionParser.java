package io.gpudoctor.agent.container.facts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code torch/version.py} that PyTorch's build writes
 * ({@code __version__ = '2.7.1+cu128'}, {@code cuda: Optional[str] = '12.8'} or {@code = None}).
 * A pure function; a file without {@code __version__} is no torch install.
 */
final class TorchVersionParser {

    private static final Pattern VERSION = Pattern.compile("(?m)^__version__\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"\\n]{1,64})['\"]");
    private static final Pattern CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=\\n]*)?=\\s*['\"](\\d{1,3}(?:\\.\\d{1,4}){0,2})['\"]");

    private TorchVersionParser() {
    }

    /** The install described by {@code text}, read from {@code path}. */
    public static Optional<TorchInstall> parse(String path, String text) {
        Matcher version = VERSION.matcher(text);
        if (!version.find()) {
            return Optional.empty();
        }
        Matcher cuda = CUDA.matcher(text);
        return Optional.of(new TorchInstall(path, version.group(1),
                cuda.find() ? Optional.of(cuda.group(1)) : Optional.empty()));
    }
}
