package dev.aiperf.engine.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mooncake_trace} JSONL: one request per line, {@code timestamp} (ms), the input as {@code input_length}
 * tokens (optionally laid out as {@code hash_ids}, one id per 512-token block) or as literal text
 * ({@code text_input}, also spelt {@code input_text}), {@code output_length}, and optionally {@code session_id} and
 * {@code delay}.
 *
 * <p>Consecutive lines with the same {@code session_id} are the turns of one conversation (AIPerf groups a
 * session's lines wherever they are; grouping only neighbours keeps the read streaming with one line of
 * look-ahead). A session whose lines are interleaved with other sessions' is therefore several conversations that
 * share the id.
 */
final class MooncakeTraceReader extends JsonlEntryReader {

    static final List<String> FIELDS = List.of("timestamp", "input_length", "text_input", "input_text",
            "output_length", "hash_ids", "session_id", "delay");

    /** The line read ahead of the conversation being built, as a conversation of its own. */
    private FileConversation pending;

    MooncakeTraceReader(DatasetFile file) throws IOException {
        super(file);
    }

    @Override
    public FileConversation next() throws IOException {
        FileConversation first = pending != null ? pending : line();
        pending = null;
        if (first == null) {
            return null;
        }
        List<FileTurn> turns = new ArrayList<>(first.turns());
        if (first.sessionId() != null) {
            FileConversation c;
            while ((c = line()) != null && first.sessionId().equals(c.sessionId())) {
                turns.addAll(c.turns());
            }
            pending = c;
        }
        return new FileConversation(first.sessionId(), turns, nextIndex());
    }

    /** One line as a conversation of one turn; {@link #next()} gives it its position once grouped. */
    @Override
    FileConversation entry(EntryFields f, long index) {
        return new FileConversation(f.id("session_id"), List.of(turn(f)), index);
    }

    private FileConversation line() throws IOException {
        EntryFields f = nextLine();
        return f == null ? null : entry(f, -1);
    }

    private static FileTurn turn(EntryFields f) {
        f.allowOnly(FIELDS);
        if (f.has("text_input") && f.has("input_text")) {
            throw f.error("input_text", "text_input and input_text are the same field; keep one");
        }
        String textKey = f.has("input_text") ? "input_text" : "text_input";
        String text = f.string(textKey);
        Integer inputLength = f.tokens("input_length");
        if (text == null && inputLength == null) {
            throw f.error("input_length", "missing: give the request's input as \"input_length\": <tokens>"
                    + " (optionally with \"hash_ids\") or as \"text_input\": \"...\"");
        }
        if (text != null && inputLength != null) {
            throw f.error(textKey, "input_length and " + textKey + " cannot be set together; keep one");
        }
        if (text != null && text.isEmpty()) {
            throw f.error(textKey, "is empty; give the prompt to send");
        }
        long[] hashIds = f.ids("hash_ids");
        if (hashIds != null && text != null) {
            throw f.error("hash_ids", "only allowed with input_length (the ids lay out synthetic text);"
                    + " remove it or give input_length instead of " + textKey);
        }
        if (hashIds != null && hashIds.length == 0) {
            hashIds = null;
        }
        if (hashIds != null) {
            long n = hashIds.length;
            long min = HashBlockText.BLOCK_TOKENS * (n - 1) + 1;
            long max = HashBlockText.BLOCK_TOKENS * n;
            if (inputLength < min || inputLength > max) {
                throw f.error("input_length", String.format("%,d hash_ids are blocks of %d tokens, the last one"
                        + " partial, so input_length must be %,d to %,d; got %,d", n, HashBlockText.BLOCK_TOKENS,
                        min, max, inputLength));
            }
        }
        return new FileTurn(text, inputLength, hashIds, f.tokens("output_length"), f.millis("delay"),
                f.millis("timestamp"), null, f.line());
    }
}
