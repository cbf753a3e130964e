package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.config.EndpointType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code inputs.json}, AIPerf's record of what a run sends: {@code {"data":[{"session_id", "payloads":[body]}]}},
 * one session per dataset entry, each payload the exact body {@link RequestBodies} builds. Session ids are
 * {@code session_000000}, {@code session_000001}, ... so the file is byte-identical for the same seed.
 */
public final class InputsJsonWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InputsJsonWriter() {
    }

    /**
     * Writes every entry of {@code dataset} to {@code file}, streaming (one entry in memory at a time beyond
     * the dataset's own cache).
     */
    public static void write(Path file, SyntheticDataset dataset, EndpointType type, String model,
                             boolean streaming, boolean includeUsage) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (int j = 0; j < dataset.entries(); j++) {
                g.writeStartObject();
                g.writeStringField("session_id", String.format("session_%06d", j));
                g.writeArrayFieldStart("payloads");
                g.writeTree(RequestBodies.build(type, model, dataset.entry(j), streaming, includeUsage));
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
