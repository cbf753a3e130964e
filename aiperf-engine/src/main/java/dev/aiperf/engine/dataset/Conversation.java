package dev.aiperf.engine.dataset;

import java.util.List;

/**
 * A conversation: turns sent in order on one session, each after the previous turn's response (and its delay).
 * A single-turn dataset entry is a conversation of one turn.
 *
 * @param sessionId stable identifier of the session (from the file's {@code session_id}, or generated)
 * @param turns     at least one turn
 */
public record Conversation(String sessionId, List<Turn> turns) {

    public Conversation {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one turn");
        }
    }

    /** When a trace says the conversation starts, in the trace's milliseconds; {@code NaN} when untimed. */
    public double timestampMillis() {
        return turns.get(0).timestampMillis();
    }

    public int size() {
        return turns.size();
    }
}
