package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.ClosestKey;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checked reads of one JSON object of a dataset file, each failure a {@link DatasetFile#error} naming the line and
 * the field. Reads are lax where AIPerf's (pydantic's) are: a numeric string is a number, {@code 8.0} is the
 * whole number 8; they are strict about everything that would silently change what is sent.
 */
final class EntryFields {

    /** Trailing tokens fail: two objects on one line are a broken file, not a line with its second half ignored. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Fields AIPerf accepts for multimodal or pre-built requests; aiperf-java sends text prompts only. */
    static final Set<String> UNSUPPORTED = Set.of("image", "images", "image_uuids", "audio", "audios", "video",
            "videos", "messages", "payload", "tools", "message_mode", "extra", "role");

    private final ObjectNode node;
    private final DatasetFile file;
    private final int line;
    private final String prefix;

    EntryFields(ObjectNode node, DatasetFile file, int line, String prefix) {
        this.node = node;
        this.file = file;
        this.line = line;
        this.prefix = prefix;
    }

    /** Parses one JSONL line into an object; a malformed line names the line, Jackson's reason and the column. */
    static EntryFields parseLine(byte[] bytes, int length, DatasetFile file, int line) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, 0, length);
        } catch (JsonProcessingException e) {
            throw file.error(line, null, "malformed JSON: " + shortReason(e)
                    + "; each line must be one JSON object, e.g. " + example(file));
        } catch (IOException e) {
            throw file.unreadable(e);
        }
        return of(node, file, line, "");
    }

    /** The object {@code node} found on {@code line}; {@code prefix} (e.g. {@code turns[2].}) goes before field names. */
    static EntryFields of(JsonNode node, DatasetFile file, int line, String prefix) {
        if (node == null || !node.isObject()) {
            String what = node == null ? "nothing" : describe(node);
            String hint = node != null && node.isArray() && prefix.isEmpty()
                    ? " (a JSON array is the ShareGPT layout: --custom-dataset-type sharegpt)" : "";
            throw file.error(line, prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
                    "expected a JSON object, e.g. " + example(file) + "; got " + what + hint);
        }
        return new EntryFields((ObjectNode) node, file, line, prefix);
    }

    /** Jackson's message without its source excerpt, plus the column. */
    static String shortReason(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int nl = reason.indexOf('\n');
        if (nl >= 0) {
            reason = reason.substring(0, nl);
        }
        JsonLocation at = e.getLocation();
        return at != null && at.getColumnNr() > 0 ? reason + " (column " + at.getColumnNr() + ")" : reason;
    }

    int line() {
        return line;
    }

    DatasetFile file() {
        return file;
    }

    /** Rejects fields this format does not know (with a "did you mean") and the multimodal ones aiperf-java lacks. */
    EntryFields allowOnly(List<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key)) {
                continue;
            }
            if (UNSUPPORTED.contains(key)) {
                throw error(key, "not supported: aiperf-java sends text prompts only; remove the field");
            }
            throw error(key, "unknown field for " + file.type().yamlName() + ClosestKey.hint(key, known)
                    .replace("valid keys", "valid fields"));
        }
        return this;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    /** An error about {@code key} of this object. */
    ConfigException error(String key, String message) {
        return file.error(line, prefix + key, message);
    }

    /** The prompt text: {@code text}, or {@code texts} joined with newlines; null when neither is given. */
    String text() {
        if (has("text") && has("texts")) {
            throw error("texts", "text and texts cannot be set together; keep one");
        }
        if (has("text")) {
            return string("text");
        }
        if (!has("texts")) {
            return null;
        }
        JsonNode list = node.get("texts");
        if (!list.isArray()) {
            throw error("texts", "expected a list of strings; got " + describe(list));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            // AIPerf also accepts {name, contents: [...]} objects; their contents are the texts.
            if (t.isObject() && t.has("contents") && t.get("contents").isArray()) {
                for (JsonNode c : t.get("contents")) {
                    if (!c.isTextual()) {
                        throw error("texts[" + i + "].contents", "expected a list of strings; got " + describe(c));
                    }
                    append(sb, c.asText());
                }
            } else if (t.isTextual()) {
                append(sb, t.asText());
            } else {
                throw error("texts[" + i + "]", "expected a string; got " + describe(t));
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(s);
    }

    /** A string field, or null when absent. */
    String string(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (v.isTextual()) {
            return v.asText();
        }
        throw error(key, "expected a string; got " + describe(v));
    }

    /** An identifier (session_id, id), or null when absent: a string, or a whole number taken as its digits. */
    String id(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText();
        }
        throw error(key, "expected a string; got " + describe(v));
    }

    /** The object {@code value} nested in this one under the name {@code name} (e.g. {@code turns[2]}). */
    EntryFields child(JsonNode value, String name) {
        return of(value, file, line, prefix + name + ".");
    }

    /** Milliseconds (timestamp, delay): a finite number >= 0, or NaN when absent. */
    double millis(String key) {
        if (!has(key)) {
            return Double.NaN;
        }
        double d = number(node.get(key));
        if (Double.isNaN(d)) {
            throw error(key, "expected a number of milliseconds; got " + describe(node.get(key)));
        }
        if (d < 0 || Double.isInfinite(d)) {
            throw error(key, "must be a number of milliseconds >= 0; got " + describe(node.get(key)));
        }
        return d;
    }

    /** A count of tokens (input_length, output_length): a whole number >= 1, or null when absent. */
    Integer tokens(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        double d = number(v);
        if (Double.isNaN(d) || d != Math.rint(d)) {
            throw error(key, "expected a whole number of tokens; got " + describe(v));
        }
        if (d < 1 || d > Integer.MAX_VALUE) {
            throw error(key, "must be a number of tokens >= 1; got " + describe(v));
        }
        return (int) d;
    }

    /** A list of non-negative whole numbers (hash_ids), or null when absent. */
    long[] ids(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode list = node.get(key);
        if (!list.isArray()) {
            throw error(key, "expected a list of whole numbers, e.g. [46, 47]; got " + describe(list));
        }
        long[] ids = new long[list.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw error(key + "[" + i + "]", "expected a whole number >= 0; got " + describe(v));
            }
            ids[i] = v.asLong();
        }
        return ids;
    }

    /** The number in {@code v} (a numeric string counts, as in pydantic's lax mode), or NaN. */
    private static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A JSON value as the user wrote it, for messages: strings quoted, containers named. */
    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            String s = v.asText();
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return v.toString();
    }

    private static String example(DatasetFile file) {
        return switch (file.type()) {
            case MULTI_TURN -> "{\"session_id\": \"s1\", \"turns\": [{\"text\": \"Hi\"}]}";
            case MOONCAKE_TRACE -> "{\"timestamp\": 0, \"input_length\": 655, \"output_length\": 52, \"hash_ids\": [46, 47]}";
            default -> "{\"text\": \"What is the capital of France?\", \"output_length\": 20}";
        };
    }
}
