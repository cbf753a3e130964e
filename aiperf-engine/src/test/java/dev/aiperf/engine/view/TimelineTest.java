package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large trial's records (written in the export's line shape) are thinned to the point budget, keep every failure
 * up to the same budget, and leave the warm-up phase out, as the run's statistics do.
 */
class TimelineTest {

    @TempDir
    Path tmp;

    @Test
    void aLargeTrialIsThinnedEvenlyAndKeepsItsFailures() throws IOException {
        Path jsonl = tmp.resolve("profile_export.jsonl");
        int n = 60_000;
        try (BufferedWriter w = Files.newBufferedWriter(jsonl)) {
            for (int i = 0; i < n; i++) {
                boolean failed = i % 1000 == 999;
                String phase = i < 100 ? "warmup" : "profiling";
                w.write("{\"metadata\":{\"session_num\":" + i + ",\"benchmark_phase\":\"" + phase
                        + "\",\"request_start_ns\":" + (1_000_000_000L + i * 1_000_000L) + ",\"request_end_ns\":0,"
                        + "\"was_cancelled\":false},\"metrics\":" + (failed ? "{}" : "{\"request_latency\":{\"value\":"
                        + (10 + i % 7) + ".5,\"unit\":\"ms\"},\"time_to_first_token\":{\"value\":2.0,\"unit\":\"ms\"},"
                        + "\"inter_chunk_latency\":{\"value\":[1.0,2.0],\"unit\":\"ms\"}}")
                        + ",\"error\":" + (failed ? "{\"code\":500,\"type\":\"http_error\",\"message\":\"x\"}" : "null")
                        + "}\n");
            }
        }
        RequestSample s = RequestSample.read(jsonl);
        ObjectNode out = new ObjectMapper().createObjectNode();

        Timeline.write(s, 1000, out);

        assertThat(out.path("requests").asInt()).isEqualTo(n - 100);
        assertThat(out.path("failed").asInt()).isEqualTo(60);
        JsonNode points = out.path("points");
        long failures = 0;
        for (JsonNode p : points) {
            failures += p.path(2).asInt();
        }
        assertThat(failures).isEqualTo(60);
        assertThat(points.size() - failures).isBetween(900L, 1000L);
        assertThat(points.path(0).path(0).asDouble()).isZero();
        assertThat(s.percentiles(java.util.Arrays.asList(RequestSample.METRICS).indexOf("time_to_first_token"))[50])
                .isEqualTo(2.0);
    }
}
