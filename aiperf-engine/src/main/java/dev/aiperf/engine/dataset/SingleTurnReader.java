package dev.aiperf.engine.dataset;

import java.io.IOException;
import java.util.List;

/**
 * {@code single_turn} JSONL (and the lines of {@code random_pool}): one request per line, {@code text} or
 * {@code texts} (joined with newlines), optional {@code timestamp} or {@code delay} in milliseconds,
 * {@code output_length}, {@code session_id}. Each line is a conversation of one turn.
 */
final class SingleTurnReader extends JsonlEntryReader {

    static final List<String> FIELDS = List.of("text", "texts", "timestamp", "delay", "output_length", "session_id");
    /** A turn of a multi_turn line has the same fields, less the session, which is the conversation's. */
    static final List<String> TURN_FIELDS = List.of("text", "texts", "timestamp", "delay", "output_length");

    SingleTurnReader(DatasetFile file) throws IOException {
        super(file);
    }

    @Override
    FileConversation entry(EntryFields f, long index) {
        f.allowOnly(FIELDS);
        return new FileConversation(f.id("session_id"), List.of(textTurn(f)), index);
    }

    /** Reads one text turn (a single_turn line, or one of a multi_turn line's turns), after its fields are checked. */
    static FileTurn textTurn(EntryFields f) {
        String text = f.text();
        if (text == null) {
            throw f.error("text", "missing: give the prompt as \"text\": \"...\" or \"texts\": [\"...\", ...]");
        }
        if (text.isEmpty()) {
            throw f.error(f.has("text") ? "text" : "texts", "is empty; give the prompt to send");
        }
        double timestamp = f.millis("timestamp");
        double delay = f.millis("delay");
        if (!Double.isNaN(timestamp) && !Double.isNaN(delay)) {
            throw f.error("delay", "timestamp and delay cannot be set together: a timestamp fixes when the turn is"
                    + " sent, a delay waits after the previous response; keep one");
        }
        return FileTurn.text(text, f.tokens("output_length"), delay, timestamp, f.line());
    }
}
