package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.StatKeys;
import dev.aiperf.engine.plan.RunInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code profile_export_aiperf.json} in AIPerf's schema 1.5: run-level fields, one block per metric tag
 * ({@code unit} then the statistics in display units), {@code error_summary}, {@code input_config},
 * {@code run_info} and {@code warmup_metrics}. Absent fields and NaN statistics are omitted. Record metrics carry
 * {@link StatKeys#ALL} plus {@code count} and {@code sum}; aggregate metrics carry {@code avg} only.
 */
public final class ProfileExportJson {

    /** The file name AIPerf uses. */
    public static final String FILE_NAME = dev.aiperf.engine.plan.RunLayout.PROFILE_EXPORT_FILE;
    public static final String SCHEMA_VERSION = "1.5";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileExportJson() {
    }

    /** Writes the file. */
    public static void write(Path file, RunMetrics metrics, ExportHeader header) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), toJson(metrics, header));
    }

    /** The document as a tree. */
    public static ObjectNode toJson(RunMetrics metrics, ExportHeader header) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        putIfNotNull(root, "aiperf_version", header.aiperfVersion());
        RunInfo info = header.runInfo();
        if (info != null) {
            putIfNotNull(root, "benchmark_id", info.benchmarkId());
        }
        if (header.startTime() != null) {
            root.put("start_time", header.startTime().toString());
        }
        if (header.endTime() != null) {
            root.put("end_time", header.endTime().toString());
        }
        root.put("was_cancelled", header.wasCancelled());
        putMetrics(root, metrics.metrics());
        ArrayNode errors = root.putArray("error_summary");
        for (ErrorCount e : metrics.errorSummary()) {
            ObjectNode item = errors.addObject();
            ObjectNode details = item.putObject("error_details");
            if (e.code() != null) {
                details.put("code", e.code());
            }
            putIfNotNull(details, "type", e.type());
            putIfNotNull(details, "message", e.message());
            item.put("count", e.count());
        }
        if (header.inputConfig() != null) {
            root.set("input_config", header.inputConfig());
        }
        if (info != null) {
            root.set("run_info", runInfo(info));
        }
        if (!metrics.warmupMetrics().isEmpty()) {
            putMetrics(root.putObject("warmup_metrics"), metrics.warmupMetrics());
        }
        if (!metrics.perTurn().isEmpty()) {
            // Conversations: the same metrics per turn index, so history growth (and prefix-cache reuse) shows.
            ArrayNode turns = root.putArray("per_turn_metrics");
            metrics.perTurn().forEach((turn, m) -> {
                ObjectNode item = turns.addObject();
                item.put("turn_index", turn);
                putMetrics(item, m);
            });
        }
        return root;
    }

    private static void putMetrics(ObjectNode target, Map<MetricTag, Stats> metrics) {
        for (Map.Entry<MetricTag, Stats> e : metrics.entrySet()) {
            MetricTag tag = e.getKey();
            Stats s = e.getValue();
            ObjectNode block = target.putObject(tag.tag());
            block.put("unit", tag.unit());
            if (tag.kind() == MetricTag.Kind.AGGREGATE) {
                putFinite(block, "avg", s.avg());
                continue;
            }
            for (String key : StatKeys.ALL) {
                putFinite(block, key, s.get(key));
            }
            block.put("count", s.count());
            putFinite(block, "sum", s.sum());
        }
    }

    private static ObjectNode runInfo(RunInfo info) {
        ObjectNode n = MAPPER.createObjectNode();
        putIfNotNull(n, "benchmark_id", info.benchmarkId());
        putIfNotNull(n, "sweep_id", info.sweepId());
        n.put("random_seed", info.randomSeed());
        n.put("trial", info.trial());
        putIfNotNull(n, "run_label", info.runLabel());
        putIfNotNull(n, "variation_label", info.variationLabel());
        if (info.variationIndex() != null) {
            n.put("variation_index", info.variationIndex());
        }
        if (info.variationValues() != null && !info.variationValues().isEmpty()) {
            n.set("variation_values", MAPPER.valueToTree(info.variationValues()));
        }
        putIfNotNull(n, "cli_command", info.cliCommand());
        return n;
    }

    private static void putFinite(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        }
    }

    private static void putIfNotNull(ObjectNode n, String key, String v) {
        if (v != null) {
            n.put(key, v);
        }
    }
}
