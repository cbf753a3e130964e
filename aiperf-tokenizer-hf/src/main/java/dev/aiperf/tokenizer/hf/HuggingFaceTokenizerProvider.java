package dev.aiperf.tokenizer.hf;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.api.spi.TokenizerProvider;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Answers tokenizer names that are paths to a Hugging Face {@code tokenizer.json}: a file whose name ends in
 * {@code .json}, or a directory holding a {@code tokenizer.json} (a downloaded model directory). Registered through
 * {@code META-INF/services/dev.aiperf.engine.api.spi.TokenizerProvider}, so putting this jar on the class path is
 * all it takes for {@code --tokenizer /path/to/tokenizer.json} to work.
 *
 * <p>Any other name, or a path that does not exist, is not this provider's and gets {@link Optional#empty()};
 * an existing file that DJL cannot load as a tokenizer is a {@link ConfigException} naming the file.
 */
public final class HuggingFaceTokenizerProvider implements TokenizerProvider {

    private static final String CONFIG_PATH = "benchmark.dataset.tokenizer";
    private static final String FILE_NAME = "tokenizer.json";

    @Override
    public Optional<Tokenizer> create(String name) {
        Optional<Path> file = tokenizerFile(name);
        return file.map(HuggingFaceTokenizerProvider::load);
    }

    @Override
    public List<String> describeNames() {
        return List.of("<path to a Hugging Face tokenizer.json, or a directory containing one>");
    }

    private static Optional<Path> tokenizerFile(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(name.trim());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            Path inside = path.resolve(FILE_NAME);
            return Files.isRegularFile(inside) ? Optional.of(inside) : Optional.empty();
        }
        Path fileName = path.getFileName();
        if (fileName != null && fileName.toString().endsWith(".json") && Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        return Optional.empty();
    }

    private static Tokenizer load(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(CONFIG_PATH, "cannot read tokenizer file " + file
                    + "; check its permissions or name another tokenizer");
        }
        try {
            return HuggingFaceTokenizer.load(file);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            // The Rust library inside DJL's jar is built for a fixed set of platforms.
            throw new ConfigException(CONFIG_PATH, "cannot load the Hugging Face tokenizers native library to read "
                    + file + " (" + e + "); use a built-in encoding such as cl100k_base on this platform");
        } catch (Exception e) {
            throw new ConfigException(CONFIG_PATH, "'" + file + "' is not a valid Hugging Face tokenizer.json: "
                    + e.getMessage());
        }
    }
}
