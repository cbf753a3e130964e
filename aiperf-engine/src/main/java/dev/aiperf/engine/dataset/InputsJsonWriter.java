package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Writes {@code inputs.json}, AIPerf's record of what a run sends: {@code {"data":[{"session_id", "payloads":[body]}]}},
 * one session per dataset entry. Each payload is produced by the same encoder the client sends with, so the file
 * holds exactly the bodies that go over the wire. Session ids are {@code session_000000}, {@code session_000001},
 * ... so the file is byte-identical for the same seed.
 */
public final class InputsJsonWriter {

    /** The file name in a run directory. */
    public static final String FILE_NAME = "inputs.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InputsJsonWriter() {
    }

    /**
     * Writes the first {@code limit} conversations of {@code source} (fewer when it ends first), one session each
     * with one payload per turn. A later turn's payload is its own text as the dataset gives it: the history it will
     * carry depends on what the server answers, so it is known only in the run ({@code profile_export.jsonl} has each
     * request's turn and conversation).
     *
     * @param encoder the request body the client sends for a prompt, as UTF-8 JSON bytes
     */
    public static void write(Path file, ConversationSource source, int limit, Function<Prompt, byte[]> encoder)
            throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (int j = 0; j < limit; j++) {
                Conversation c = source.next();
                if (c == null) {
                    break;
                }
                g.writeStartObject();
                g.writeStringField("session_id", c.sessionId() != null ? c.sessionId() : String.format("session_%06d", j));
                g.writeArrayFieldStart("payloads");
                for (Turn t : c.turns()) {
                    g.writeTree(MAPPER.readTree(encoder.apply(t.prompt())));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * Writes every entry of {@code dataset} to {@code file}, streaming (one entry in memory at a time beyond
     * the dataset's own cache).
     *
     * @param encoder the request body the client sends for a prompt, as UTF-8 JSON bytes
     */
    public static void write(Path file, SyntheticDataset dataset, Function<Prompt, byte[]> encoder)
            throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (int j = 0; j < dataset.entries(); j++) {
                g.writeStartObject();
                g.writeStringField("session_id", String.format("session_%06d", j));
                g.writeArrayFieldStart("payloads");
                // Re-read as a tree (key order kept) so the payload is pretty-printed like the rest of the file.
                g.writeTree(MAPPER.readTree(encoder.apply(dataset.entry(j))));
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
