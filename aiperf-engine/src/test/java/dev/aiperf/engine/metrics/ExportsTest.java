package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.aiperf.engine.metrics.RunRecorderTest.failed;
import static dev.aiperf.engine.metrics.RunRecorderTest.streamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExportsTest {

    private static RunMetrics sample() throws Exception {
        RunRecorder rec = new RunRecorder(null, RunRecorder.Options.closedLoop(true)
                .withSlos(Map.of("time_to_first_token", 35.0)));
        // TTFT 10, 20, 30, 40, 50 ms; each 3 tokens, chunk gaps 10 ms.
        for (int i = 0; i < 5; i++) {
            long t = 10L * (i + 1);
            rec.accept(streamed(i, i * 100L, 3, t, t + 10, t + 20));
        }
        rec.accept(failed(5, 450, "http_error", 500));
        return rec.finish();
    }

    private static ExportHeader header() {
        JsonNode cfg = new ObjectMapper().createObjectNode().put("model", "m1").put("api_key", "<redacted>");
        RunInfo info = new RunInfo("bench-1", null, 44, 0, "run_0001", "concurrency_40", 2,
                Map.of("phases.profiling.concurrency", 40), null);
        return new ExportHeader("0.1.0", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:05Z"), false, cfg, info);
    }

    @Test
    void jsonHasAIPerfShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ProfileExportJson.FILE_NAME);
        ProfileExportJson.write(file, sample(), header());
        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.get("schema_version").asText()).isEqualTo("1.5");
        assertThat(root.get("aiperf_version").asText()).isEqualTo("0.1.0");
        assertThat(root.get("benchmark_id").asText()).isEqualTo("bench-1");
        assertThat(root.get("start_time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(root.get("was_cancelled").asBoolean()).isFalse();

        JsonNode ttft = root.get("time_to_first_token");
        List<String> keys = new ArrayList<>();
        ttft.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("unit", "avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75",
                "p90", "p95", "p99", "std", "count", "sum");
        assertThat(ttft.get("unit").asText()).isEqualTo("ms");
        assertThat(ttft.get("p1").asDouble()).isCloseTo(10.4, within(1e-9));
        assertThat(ttft.get("p99").asDouble()).isCloseTo(49.6, within(1e-9));
        assertThat(ttft.get("std").asDouble()).isCloseTo(14.1421, within(1e-4));
        assertThat(ttft.get("count").isIntegralNumber()).isTrue();
        assertThat(ttft.get("sum").asDouble()).isCloseTo(150, within(1e-9));

        JsonNode count = root.get("request_count");
        assertThat(count.size()).isEqualTo(2);
        assertThat(count.get("unit").asText()).isEqualTo("requests");
        assertThat(count.get("avg").asDouble()).isEqualTo(5);
        assertThat(root.get("request_throughput").get("unit").asText()).isEqualTo("requests/sec");
        assertThat(root.get("benchmark_duration").get("unit").asText()).isEqualTo("sec");
        assertThat(root.get("request_error_rate").get("avg").asDouble()).isCloseTo(100.0 / 6, within(1e-9));
        assertThat(root.get("good_request_count").get("avg").asDouble()).isEqualTo(3);

        JsonNode err = root.get("error_summary").get(0);
        assertThat(err.get("count").asLong()).isEqualTo(1);
        assertThat(err.get("error_details").get("code").asInt()).isEqualTo(500);
        assertThat(err.get("error_details").get("type").asText()).isEqualTo("http_error");

        assertThat(root.get("input_config").get("api_key").asText()).isEqualTo("<redacted>");
        JsonNode info = root.get("run_info");
        assertThat(info.get("random_seed").asLong()).isEqualTo(44);
        assertThat(info.get("run_label").asText()).isEqualTo("run_0001");
        assertThat(info.get("variation_index").asInt()).isEqualTo(2);
        assertThat(info.get("variation_values").get("phases.profiling.concurrency").asInt()).isEqualTo(40);
        // Absent fields are omitted, not null.
        assertThat(info.has("sweep_id")).isFalse();
        assertThat(info.has("cli_command")).isFalse();
        assertThat(root.has("warmup_metrics")).isFalse();
        assertThat(root.has("time_to_second_token")).isTrue();

        RunSummary summary = new RunSummaryReader().read(dir);
        assertThat(summary.stat("time_to_first_token", "p99").getAsDouble()).isCloseTo(49.6, within(1e-9));
        assertThat(summary.metrics().get("request_throughput").unit()).isEqualTo("requests/sec");
        assertThat(summary.metrics()).doesNotContainKeys("run_info", "input_config", "error_summary");
        assertThat(summary.stat("request_count", "p99")).isEmpty();
    }

    @Test
    void csvFollowsAIPerfRules() throws Exception {
        String csv = ProfileExportCsv.render(sample());
        String[] sections = csv.split("\n\n", -1);
        assertThat(sections).hasSize(2);
        List<String> first = List.of(sections[0].split("\n"));
        assertThat(first.get(0)).isEqualTo("Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std");
        // Sorted by tag: input_sequence_length, inter_chunk_latency, inter_token_latency, ...
        assertThat(first.subList(1, first.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly(
                "Input Sequence Length (tokens)", "Inter Chunk Latency (ms)", "Inter Token Latency (ms)",
                "Output Sequence Length (tokens)", "Output Token Throughput Per User (tokens/sec/user)",
                "Request Latency (ms)", "Time to First Token (ms)", "Time to Second Token (ms)");
        assertThat(first).contains(
                "Time to First Token (ms),30.00,10.00,50.00,10.40,12.00,14.00,20.00,30.00,40.00,46.00,48.00,49.60,14.14");
        List<String> second = List.of(sections[1].split("\n"));
        assertThat(second.get(0)).isEqualTo("Metric,Value");
        assertThat(second.subList(1, second.size())).extracting(l -> l.substring(0, l.lastIndexOf(',')))
                .containsExactly("Benchmark Duration (sec)", "Error Request Count", "Good Request Count",
                        "Good Request Fraction (ratio)", "Goodput (requests/sec)", "Output Token Throughput (tokens/sec)",
                        "Request Count", "Request Error Rate (%)", "Request Throughput (requests/sec)",
                        "Total Token Throughput (tokens/sec)");
        assertThat(second).contains("Request Count,5.00", "Error Request Count,1.00", "Request Error Rate (%),16.67");
    }

    @Test
    void csvMatchesTheGoldenFile() throws Exception {
        try (var in = ExportsTest.class.getResourceAsStream("golden_profile_export_aiperf.csv")) {
            assertThat(ProfileExportCsv.render(sample()))
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void csvFileAndSummaryTable(@TempDir Path dir) throws Exception {
        RunMetrics m = sample();
        Path csv = dir.resolve(ProfileExportCsv.FILE_NAME);
        ProfileExportCsv.write(csv, m);
        assertThat(Files.readString(csv)).isEqualTo(ProfileExportCsv.render(m));

        String table = SummaryTable.render(m);
        assertThat(table).contains("| Time to First Token (ms)").contains("49.60").contains("Request Count: 5.00")
                .contains("1 x http_error 500: boom http_error");
        // Every table line has the same width.
        assertThat(table.lines().filter(l -> l.startsWith("|") || l.startsWith("+")).map(String::length).distinct())
                .hasSize(1);
    }
}
