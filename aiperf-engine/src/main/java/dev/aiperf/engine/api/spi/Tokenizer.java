package dev.aiperf.engine.api.spi;

/**
 * Counts and produces tokens for one tokenizer. Input sequence lengths are exact for the tokenizer in use;
 * output tokens are counted with it unless the server's usage is asked for. Implementations are thread-safe.
 */
public interface Tokenizer {

    /** A short name for reports, e.g. {@code cl100k_base}. */
    String name();

    /** Number of tokens in {@code text}, without special tokens. */
    int count(String text);

    /** Token ids of {@code text}, without special tokens. */
    int[] encode(String text);

    /** Text of the given token ids. */
    String decode(int[] tokens);
}
