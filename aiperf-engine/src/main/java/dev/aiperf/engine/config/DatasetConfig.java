package dev.aiperf.engine.config;

import java.nio.file.Path;

/**
 * The single dataset of a benchmark.
 *
 * @param name      entry name ({@code main} when the user gave none); sweep paths match it
 * @param type      where conversations come from ({@link DatasetType#SYNTHETIC} unless a file type is given)
 * @param entries   number of distinct synthetic prompts generated
 * @param isl       synthetic input sequence length in tokens (and the length of file prompts without text)
 * @param osl       output sequence length in tokens, sent as {@code max_tokens} when the data does not fix it;
 *                  {@code null} lets the server decide
 * @param turns     synthetic turns per conversation, or {@code null} for single-turn
 * @param turnDelay synthetic delay between a response and the conversation's next turn, in milliseconds, or
 *                  {@code null} for none
 * @param tokenizer tokenizer name (a jtokkit encoding such as {@code cl100k_base}, or a path to a tokenizer.json)
 * @param path      the dataset file of a file type, or {@code null} for synthetic
 */
public record DatasetConfig(
        String name,
        DatasetType type,
        int entries,
        Distribution isl,
        Distribution osl,
        Distribution turns,
        Distribution turnDelay,
        String tokenizer,
        Path path) {

    /** A synthetic single-turn dataset. */
    public static DatasetConfig synthetic(String name, int entries, Distribution isl, Distribution osl,
            String tokenizer) {
        return new DatasetConfig(name, DatasetType.SYNTHETIC, entries, isl, osl, null, null, tokenizer, null);
    }

    /** True when conversations may have more than one turn. */
    public boolean multiTurn() {
        return type == DatasetType.MULTI_TURN || type == DatasetType.SHAREGPT
                || (turns != null && !(turns instanceof Distribution.Fixed f && f.value() == 1));
    }
}
