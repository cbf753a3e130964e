package dev.aiperf.engine.dataset;

/**
 * One synthetic request input.
 *
 * @param text        the prompt text (the user message for chat, the prompt for completions, the input for embeddings)
 * @param inputTokens its exact token count for the run's tokenizer
 * @param maxTokens   requested output length, sent as {@code max_tokens} with {@code ignore_eos}; {@code null} to let
 *                    the server decide
 */
public record Prompt(String text, int inputTokens, Integer maxTokens) {
}
