package dev.aiperf.engine.dataset;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.aiperf.engine.api.spi.Tokenizer;

import java.util.List;

/**
 * A pure-Java BPE tokenizer backed by a jtokkit encoding ({@code cl100k_base}, {@code o200k_base},
 * {@code p50k_base}, {@code r50k_base}). Special tokens are treated as ordinary text, as AIPerf counts tokens
 * without special tokens. Thread-safe: jtokkit encodings are immutable.
 */
public final class JTokkitTokenizer implements Tokenizer {

    /** The encoding used when a dataset names none. */
    public static final String DEFAULT_ENCODING = "cl100k_base";

    /** The encoding names this class accepts. */
    public static final List<String> ENCODINGS = List.of("cl100k_base", "o200k_base", "p50k_base", "r50k_base");

    // Building the registry loads every vocabulary lazily; one per JVM is enough.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final String name;
    private final Encoding encoding;

    private JTokkitTokenizer(String name, Encoding encoding) {
        this.name = name;
        this.encoding = encoding;
    }

    /** True when {@code name} is one of {@link #ENCODINGS}. */
    public static boolean supports(String name) {
        return ENCODINGS.contains(name);
    }

    /**
     * The tokenizer of encoding {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #ENCODINGS}
     */
    public static JTokkitTokenizer of(String name) {
        if (!supports(name)) {
            throw new IllegalArgumentException("not a jtokkit encoding: " + name);
        }
        EncodingType type = EncodingType.fromName(name).orElseThrow();
        return new JTokkitTokenizer(name, REGISTRY.getEncoding(type));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public String decode(int[] tokens) {
        IntArrayList list = new IntArrayList(tokens.length);
        for (int t : tokens) {
            list.add(t);
        }
        return encoding.decode(list);
    }

    @Override
    public String toString() {
        return "JTokkitTokenizer[" + name + "]";
    }
}
