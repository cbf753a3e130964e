package dev.aiperf.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The last file every run writes, {@code run_status.json}: whether it finished, and why not. Aggregation and
 * {@code --resume} read it: a run directory without it was interrupted and runs again.
 *
 * @param status  how the run ended
 * @param error   what went wrong, or {@code null}
 * @param runInfo the run's {@code run_info} block (as written to profile_export_aiperf.json)
 */
public record RunStatus(Status status, String error, JsonNode runInfo) {

    public static final String FILE_NAME = "run_status.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public enum Status {
        OK, FAILED, CANCELLED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Writes the file atomically, so a crash mid-write never leaves a half file that looks complete. */
    public void write(Path runDir) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status.json());
        if (error == null) {
            node.putNull("error");
        } else {
            node.put("error", error);
        }
        node.set("run_info", runInfo == null ? JSON.nullNode() : runInfo);
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(FILE_NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), node);
            Files.move(tmp, runDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE_NAME), e);
        }
    }
}
