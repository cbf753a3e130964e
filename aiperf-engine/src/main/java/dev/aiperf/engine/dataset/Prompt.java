package dev.aiperf.engine.dataset;

import java.util.List;

/**
 * The input of one request.
 *
 * @param text        the new user text of this request (the user message for chat, the prompt for completions, the
 *                    input for embeddings)
 * @param inputTokens the request's input length in tokens: the text's exact count for the run's tokenizer, plus the
 *                    history's for a later turn of a conversation (a trace's declared {@code input_length} for traces)
 * @param maxTokens   requested output length, sent as {@code max_tokens} with {@code ignore_eos}; {@code null} to let
 *                    the server decide
 * @param history     earlier messages of the conversation, oldest first (user turns and the assistant text the server
 *                    returned for them); empty for a first or single turn
 * @param sessionId   the conversation's stable identifier, sent as the {@code X-Session-ID} header and the OpenAI
 *                    {@code user} field so session-affine routers can be tested; {@code null} for plain single-turn
 *                    synthetic prompts
 * @param turnIndex   0-based position of this request in its conversation
 */
public record Prompt(String text, int inputTokens, Integer maxTokens, List<Message> history, String sessionId,
                     int turnIndex) {

    public Prompt {
        history = history == null ? List.of() : history;
    }

    /** A single-turn prompt outside any session. */
    public Prompt(String text, int inputTokens, Integer maxTokens) {
        this(text, inputTokens, maxTokens, List.of(), null, 0);
    }

    /** The same prompt as turn {@code turn} of session {@code id}, after {@code earlier} messages. */
    public Prompt inSession(String id, int turn, List<Message> earlier, int historyTokens) {
        return new Prompt(text, inputTokens + historyTokens, maxTokens, earlier, id, turn);
    }
}
