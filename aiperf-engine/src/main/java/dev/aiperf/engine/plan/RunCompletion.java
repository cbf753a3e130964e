package dev.aiperf.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a run directory holds a finished run, for {@code --resume}. The orchestrator writes
 * {@code run_status.json} ({@code {status, error, run_info}}) at the end of every run. A run is complete when that
 * file says {@code "failed"} (it already counts in {@code failed_runs}), or says {@code "ok"} and
 * {@code profile_export_aiperf.json} is present. A missing or unreadable status file, or any other status (e.g.
 * {@code cancelled}), means the run must be done again.
 */
public final class RunCompletion {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunCompletion() {
    }

    public static boolean isComplete(Path runDir) {
        Path status = runDir.resolve(RunStatus.FILE_NAME);
        if (!Files.isRegularFile(status)) {
            return false;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(status.toFile());
        } catch (IOException e) {
            // A status file cut short by a crash is no proof of completion.
            return false;
        }
        String s = root == null ? "" : root.path("status").asText("");
        return switch (s) {
            case "failed" -> true;
            case "ok" -> Files.isRegularFile(runDir.resolve(RunLayout.PROFILE_EXPORT_FILE));
            default -> false;
        };
    }
}
