package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code multi_turn} JSONL: one conversation per line, {@code session_id} (optional; generated when absent) and a
 * non-empty {@code turns} list whose entries are single-turn objects ({@code text}/{@code texts}, {@code delay},
 * {@code timestamp}, {@code output_length}).
 */
final class MultiTurnReader extends JsonlEntryReader {

    static final List<String> FIELDS = List.of("session_id", "turns");

    MultiTurnReader(DatasetFile file) throws IOException {
        super(file);
    }

    @Override
    FileConversation entry(EntryFields f, long index) {
        f.allowOnly(FIELDS);
        JsonNode turns = f.get("turns");
        if (turns == null || turns.isNull()) {
            throw f.error("turns", "missing: give the conversation's turns, e.g. \"turns\": [{\"text\": \"Hi\"},"
                    + " {\"text\": \"Tell me more\", \"delay\": 1000}]");
        }
        if (!turns.isArray()) {
            throw f.error("turns", "expected a list of turns; got " + EntryFields.describe(turns));
        }
        if (turns.isEmpty()) {
            throw f.error("turns", "is empty; a conversation needs at least one turn, e.g. [{\"text\": \"Hi\"}]");
        }
        List<FileTurn> list = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            EntryFields t = f.child(turns.get(i), "turns[" + i + "]");
            t.allowOnly(SingleTurnReader.TURN_FIELDS);
            list.add(SingleTurnReader.textTurn(t));
        }
        return new FileConversation(f.id("session_id"), list, index);
    }
}
