package dev.aiperf.engine.dataset;

/**
 * One message of a conversation's history, as sent in a chat request's {@code messages}.
 *
 * @param role    {@code user} or {@code assistant}
 * @param content the text
 */
public record Message(String role, String content) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
}
