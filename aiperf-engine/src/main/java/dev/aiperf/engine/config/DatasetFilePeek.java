package dev.aiperf.engine.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first record of a dataset file, read with Jackson's streaming parser so that only that record is parsed, however
 * large the file: JSONL's first non-blank line, or the first element of a JSON array (ShareGPT). Config resolution
 * needs no more than this to tell a file's {@link DatasetType} when none is given and to decide AIPerf's automatic
 * switch to a fixed schedule (a trace whose first record carries a {@code timestamp}); the dataset reader checks every
 * record later.
 *
 * @param array  true when the file is one JSON array rather than JSON lines
 * @param first  the first record, or {@code null} when the file (or array) has none
 * @param line   the line the first record starts on (1-based)
 */
record DatasetFilePeek(boolean array, JsonNode first, int line) {
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory());

    /** Thrown for a file that is not JSON where its first record should be; the message names line and cause. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Reads the first record of {@code file}. */
    static DatasetFilePeek of(Path file) throws Unreadable {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = JSON.getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new DatasetFilePeek(false, null, 0);
            }
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    return new DatasetFilePeek(true, null, 0);
                }
            }
            int line = p.currentTokenLocation().getLineNr();
            JsonNode first = JSON.readTree(p);
            return new DatasetFilePeek(array, first, line);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new Unreadable("line " + line + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new Unreadable("cannot be read: " + e.getMessage());
        }
    }

    /**
     * True when the first record carries a {@code timestamp} (a multi-turn record: on its first turn), which makes
     * AIPerf replay the file on a fixed schedule.
     */
    boolean hasTimestamp() {
        if (first == null || !first.isObject()) {
            return false;
        }
        JsonNode turns = first.path("turns");
        return first.hasNonNull("timestamp") || (turns.isArray() && turns.path(0).hasNonNull("timestamp"));
    }

    /**
     * The dataset type the first record's keys say, as AIPerf's loaders recognise their own format; {@code null}
     * when they do not say (e.g. a {@code random_pool} file looks like a {@code single_turn} one, so it is never
     * guessed).
     */
    DatasetType inferredType() {
        if (first == null || !first.isObject()) {
            return null;
        }
        if (first.has("conversations")) {
            return DatasetType.SHAREGPT;
        }
        if (array) {
            return null;
        }
        if (first.has("turns")) {
            return DatasetType.MULTI_TURN;
        }
        if (first.has("input_length") || first.has("hash_ids") || first.has("input_text")
                || first.has("text_input")) {
            return DatasetType.MOONCAKE_TRACE;
        }
        if (first.has("text") || first.has("texts")) {
            return DatasetType.SINGLE_TURN;
        }
        return null;
    }
}
