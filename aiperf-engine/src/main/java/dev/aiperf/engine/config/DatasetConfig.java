package dev.aiperf.engine.config;

/**
 * The single dataset of a benchmark.
 *
 * @param name      entry name ({@code main} when the user gave none); sweep paths match it
 * @param type      {@code synthetic} (the only kind so far)
 * @param entries   number of distinct prompts generated
 * @param isl       input sequence length in tokens
 * @param osl       output sequence length in tokens, sent as {@code max_tokens}; {@code null} lets the server decide
 * @param turns     turns per conversation, or {@code null} for single-turn
 * @param tokenizer tokenizer name (a jtokkit encoding such as {@code cl100k_base}, or a path to a tokenizer.json)
 */
public record DatasetConfig(
        String name,
        String type,
        int entries,
        Distribution isl,
        Distribution osl,
        Distribution turns,
        String tokenizer) {
}
