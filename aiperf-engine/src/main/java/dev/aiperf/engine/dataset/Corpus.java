package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled public-domain text (Shakespeare's sonnets and speeches) that synthetic prompts are cut from,
 * tokenized once per tokenizer and cached for the life of the JVM.
 */
public final class Corpus {

    private static final String RESOURCE = "corpus.txt";
    private static final Map<String, int[]> TOKENS = new ConcurrentHashMap<>();
    private static volatile String text;

    private Corpus() {
    }

    /** The corpus text (ASCII, one verse line per line, blank lines between pieces). */
    public static String text() {
        String t = text;
        if (t == null) {
            synchronized (Corpus.class) {
                t = text;
                if (t == null) {
                    t = load();
                    text = t;
                }
            }
        }
        return t;
    }

    /**
     * The corpus's token ids for {@code tokenizer}, computed on first use. Callers must not modify the array.
     * Tokenizers are cached by name ({@link Tokenizers}), so the name is the cache key.
     */
    public static int[] tokens(Tokenizer tokenizer) {
        return TOKENS.computeIfAbsent(tokenizer.name(), n -> tokenizer.encode(text()));
    }

    private static String load() {
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource dev/aiperf/engine/dataset/" + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled corpus", e);
        }
    }
}
