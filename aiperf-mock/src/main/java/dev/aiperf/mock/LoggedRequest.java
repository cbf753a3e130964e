package dev.aiperf.mock;

import java.util.List;

/**
 * What one request of a session sent, as the server saw it ({@link SessionLog}).
 *
 * @param messages     the chat messages in order; a text completion's prompt is one message with role
 *                     {@code "prompt"} per prompt string (token ids: one message of the ids separated by spaces)
 * @param promptTokens prompt length in the mock's tokens (words)
 * @param cachedTokens prompt tokens found in the prefix cache; 0 until the request is admitted to the batch, and
 *                     always 0 without a prefix cache
 * @param arrivalNanos when the server began reading the request, {@link System#nanoTime()}
 */
public record LoggedRequest(List<Message> messages, int promptTokens, int cachedTokens, long arrivalNanos) {

    public LoggedRequest {
        messages = List.copyOf(messages);
    }

    /**
     * One message: its role and its text ({@code ""} when it had none; a list of content parts is its text parts
     * joined by a space).
     */
    public record Message(String role, String content) {
    }
}
