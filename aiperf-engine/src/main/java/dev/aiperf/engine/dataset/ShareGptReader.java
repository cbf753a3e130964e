package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ShareGPT layout: one JSON array of {@code {id?, conversations: [{from, value}, ...]}}, read element by element
 * with Jackson's streaming parser (the public ShareGPT file is 650 MB; only one conversation is in memory).
 *
 * <p>Each human message is a user turn; the assistant message that follows it is not sent but its token count
 * becomes that turn's output length, so the server generates a reply of comparable size. System messages are dropped
 * (aiperf-java sends user turns and the history of the conversation, not system prompts); an assistant message with
 * no human message before it has no turn to size and is dropped too. Conversations with no human message are
 * skipped and counted ({@link #skipped()}). Other fields of an element are ignored, as the public files carry extra
 * ones ({@code lang}, {@code model}).
 */
final class ShareGptReader implements EntryReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USER = Set.of("human", "user");
    private static final Set<String> ASSISTANT = Set.of("gpt", "assistant", "chatgpt", "bing", "bard", "model");
    private static final String ROLES = "human (or user), gpt (or assistant, chatgpt, bing, bard, model) or system";

    private final DatasetFile file;
    private final JsonParser parser;
    private long index;
    private long element = -1;
    private long skipped;

    ShareGptReader(DatasetFile file) throws IOException {
        this.file = file;
        this.parser = new JsonFactory(JSON).createParser(file.path().toFile());
        JsonToken first = token();
        if (first == null) {
            throw file.error("is empty; a ShareGPT file is a JSON array of {\"conversations\": [{\"from\": \"human\","
                    + " \"value\": \"...\"}, ...]}");
        }
        if (first != JsonToken.START_ARRAY) {
            throw file.error(line(), null, "expected a JSON array of conversations (the ShareGPT layout); got "
                    + describe(first) + (first == JsonToken.START_OBJECT
                    ? " (one object per line is JSONL: --custom-dataset-type single_turn or multi_turn)" : ""));
        }
    }

    @Override
    public FileConversation next() throws IOException {
        while (true) {
            JsonToken t = token();
            if (t == JsonToken.END_ARRAY || t == null) {
                return null;
            }
            element++;
            int line = line();
            JsonNode node;
            try {
                node = parser.readValueAsTree();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
            FileConversation c = conversation(EntryFields.of(node, file, line, "[" + element + "]."));
            if (c != null) {
                return c;
            }
            skipped++;
        }
    }

    private FileConversation conversation(EntryFields f) {
        JsonNode messages = f.get("conversations");
        if (messages == null || !messages.isArray()) {
            throw f.error("conversations", (messages == null ? "missing" : "expected a list; got "
                    + EntryFields.describe(messages)) + "; give [{\"from\": \"human\", \"value\": \"...\"},"
                    + " {\"from\": \"gpt\", \"value\": \"...\"}]");
        }
        List<FileTurn> turns = new ArrayList<>();
        String pendingUser = null;
        for (int i = 0; i < messages.size(); i++) {
            EntryFields m = f.child(messages.get(i), "conversations[" + i + "]");
            String from = m.string("from");
            if (from == null) {
                throw m.error("from", "missing: give who wrote the message: " + ROLES);
            }
            String role = from.toLowerCase(Locale.ROOT);
            String value = m.string("value");
            if (value == null) {
                throw m.error("value", "missing: give the message's text");
            }
            if (USER.contains(role)) {
                if (pendingUser != null) {
                    turns.add(turn(pendingUser, null, f.line()));
                }
                pendingUser = value;
            } else if (ASSISTANT.contains(role)) {
                if (pendingUser != null) {
                    turns.add(turn(pendingUser, value, f.line()));
                    pendingUser = null;
                }
            } else if (!role.equals("system")) {
                throw m.error("from", "unknown speaker \"" + from + "\"; expected " + ROLES);
            }
        }
        if (pendingUser != null) {
            turns.add(turn(pendingUser, null, f.line()));
        }
        return turns.isEmpty() ? null : new FileConversation(f.id("id"), turns, index++);
    }

    private static FileTurn turn(String text, String reply, int line) {
        return new FileTurn(text, null, null, null, Double.NaN, Double.NaN, reply, line);
    }

    @Override
    public long skipped() {
        return skipped;
    }

    private JsonToken token() throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private RuntimeException malformed(JsonProcessingException e) {
        int line = e.getLocation() != null ? e.getLocation().getLineNr() : line();
        return file.error(line, null, "malformed JSON: " + EntryFields.shortReason(e));
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
