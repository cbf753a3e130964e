package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Writes run directories the way a finished run leaves them: summary export, per-request JSONL, run status. */
public final class RunFixtures {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RunFixtures() {
    }

    /** A synthetic run's headline numbers. */
    public record Numbers(double throughput, double ttftP99, double latencyP99, double outputThroughput) {
    }

    /**
     * Writes a successful run: request_throughput, output_token_throughput (avg), time_to_first_token and
     * request_latency (distribution stats), request_count 20, plus a JSONL of 20 requests.
     */
    public static void writeRun(Path dir, String runLabel, int trial, String variationLabel, Integer variationIndex,
                         Map<String, Object> values, Numbers n, long seed) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", "1.5");
        root.put("aiperf_version", "test");
        root.put("was_cancelled", false);
        ObjectNode rt = root.putObject("request_throughput");
        rt.put("unit", "requests/sec");
        rt.put("avg", n.throughput());
        ObjectNode ot = root.putObject("output_token_throughput");
        ot.put("unit", "tokens/sec");
        ot.put("avg", n.outputThroughput());
        distribution(root, "time_to_first_token", n.ttftP99());
        distribution(root, "request_latency", n.latencyP99());
        ObjectNode rc = root.putObject("request_count");
        rc.put("unit", "requests");
        rc.put("avg", 20.0);
        ObjectNode info = root.putObject("run_info");
        info.put("benchmark_id", "b-" + runLabel + "-" + variationLabel);
        info.put("sweep_id", variationLabel == null ? null : "sweep-1");
        info.put("random_seed", 42);
        info.put("trial", trial);
        info.put("run_label", runLabel);
        if (variationLabel != null) {
            info.put("variation_label", variationLabel);
            info.put("variation_index", variationIndex);
            info.set("variation_values", MAPPER.valueToTree(values));
        }
        info.put("cli_command", "aiperf profile");
        ObjectNode input = root.putObject("input_config");
        input.putObject("benchmark").putArray("models").add("test-model");
        write(dir.resolve("profile_export_aiperf.json"), root.toPrettyString());
        writeStatus(dir, "ok", null, info);

        Random rnd = new Random(seed);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            ObjectNode rec = MAPPER.createObjectNode();
            rec.putObject("metadata").put("request_index", i);
            ObjectNode m = rec.putObject("metrics");
            ObjectNode lat = m.putObject("request_latency");
            lat.put("value", n.latencyP99() * 0.8 + rnd.nextGaussian() * 5);
            lat.put("unit", "ms");
            rec.putNull("error");
            jsonl.append(rec).append('\n');
        }
        write(dir.resolve("profile_export.jsonl"), jsonl.toString());
    }

    private static void distribution(ObjectNode root, String tag, double p99) {
        ObjectNode b = root.putObject(tag);
        b.put("unit", "ms");
        b.put("avg", p99 * 0.7);
        b.put("min", p99 * 0.4);
        b.put("max", p99 * 1.05);
        b.put("p50", p99 * 0.65);
        b.put("p90", p99 * 0.9);
        b.put("p95", p99 * 0.95);
        b.put("p99", p99);
        b.put("std", p99 * 0.1);
        b.put("count", 20);
        b.put("sum", p99 * 0.7 * 20);
    }

    public static void writeStatus(Path dir, String status, String error, ObjectNode runInfo) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("status", status);
        s.put("error", error);
        s.set("run_info", runInfo == null ? MAPPER.createObjectNode() : runInfo);
        write(dir.resolve("run_status.json"), s.toPrettyString());
    }

    /** A run the orchestrator marked failed, without a summary export. */
    public static void writeFailedRun(Path dir, String runLabel, int trial, String variationLabel, Integer index,
                               Map<String, Object> values, String error) {
        ObjectNode info = MAPPER.createObjectNode();
        info.put("run_label", runLabel);
        info.put("trial", trial);
        if (variationLabel != null) {
            info.put("variation_label", variationLabel);
            info.put("variation_index", index);
            info.set("variation_values", MAPPER.valueToTree(values));
        }
        writeStatus(dir, "failed", error, info);
    }

    public static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
