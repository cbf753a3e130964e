package dev.aiperf.tokenizer.hf;

import dev.aiperf.engine.api.spi.Tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link Tokenizer} backed by a Hugging Face {@code tokenizer.json}, run by the Rust {@code tokenizers} library
 * through DJL. Counts and encodes without special tokens (as AIPerf counts input tokens), with no truncation or
 * padding, so a count is the length of the text's own token sequence. Thread-safe: the native tokenizer is
 * immutable once loaded and DJL's calls into it share no mutable state.
 *
 * <p>{@link #name()} is the file's absolute path: the engine keys its tokenized corpus by tokenizer name, and two
 * models' files are commonly both called {@code tokenizer.json}.
 */
public final class HuggingFaceTokenizer implements Tokenizer {

    // No special tokens, truncation or padding: counts must be of the text alone, at any length.
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false");

    private final String name;
    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;

    private HuggingFaceTokenizer(String name, ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate) {
        this.name = name;
        this.delegate = delegate;
    }

    /**
     * Loads {@code file}, a Hugging Face {@code tokenizer.json}.
     *
     * @throws IOException      when the file cannot be read
     * @throws RuntimeException when DJL rejects the file's contents
     */
    public static HuggingFaceTokenizer load(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        return new HuggingFaceTokenizer(absolute.toString(),
                ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(absolute, OPTIONS));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(String text) {
        return delegate.encode(text, false, false).getIds().length;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = delegate.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        return delegate.decode(ids, false);
    }

    @Override
    public String toString() {
        return "HuggingFaceTokenizer[" + name + "]";
    }
}
