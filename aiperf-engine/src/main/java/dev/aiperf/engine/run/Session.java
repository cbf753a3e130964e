package dev.aiperf.engine.run;

import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.dataset.Conversation;
import dev.aiperf.engine.dataset.Message;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * One conversation being sent: which turn is next, and the history its next request carries (every earlier user
 * turn and the assistant text the server actually returned for it). Turns of a session are sequential, so a session
 * is touched by one thread at a time (the sender, then the completion of its request, then the sender again).
 */
final class Session {

    private final Conversation conversation;
    private final boolean multiTurn;
    /** The user this session belongs to (user-centric phases), else -1. */
    final int user;
    private final List<Message> history = new ArrayList<>();
    private int historyTokens;
    private int next;
    /** When the last turn was meant to go (monotonic nanos), for user-centric turn gaps. */
    long lastIntendedNanos;

    Session(Conversation conversation, int user) {
        this.conversation = conversation;
        this.multiTurn = conversation.size() > 1;
        this.user = user;
    }

    boolean hasNextTurn() {
        return next < conversation.size();
    }

    /** The dataset's next turn (its delay and timestamp). */
    Turn nextTurn() {
        return conversation.turns().get(next);
    }

    /**
     * The prompt of the next turn, with the history so far. A conversation of one turn sends its prompt as the
     * dataset made it (a single-turn request keeps the plain, session-less shape).
     */
    Prompt nextPrompt() {
        Prompt p = conversation.turns().get(next).prompt();
        if (!multiTurn) {
            return p;
        }
        return p.inSession(conversation.sessionId(), next, List.copyOf(history), historyTokens);
    }

    /**
     * Records the response of the turn just sent and moves to the next one. A failed turn ends the conversation:
     * the next turn's history would have to invent the assistant's answer.
     *
     * @return true when another turn follows
     */
    boolean onResponse(RequestRecord record) {
        Prompt sent = conversation.turns().get(next).prompt();
        next++;
        if (!record.ok()) {
            next = conversation.size();
            return false;
        }
        if (multiTurn && next < conversation.size()) {
            history.add(new Message(Message.USER, sent.text()));
            history.add(new Message(Message.ASSISTANT, record.outputText() == null ? "" : record.outputText()));
            historyTokens += sent.inputTokens() + Math.max(0, record.outputTokens());
        }
        return next < conversation.size();
    }

    /** Ends the conversation early (the phase stopped). */
    void abandon() {
        next = conversation.size();
    }
}
