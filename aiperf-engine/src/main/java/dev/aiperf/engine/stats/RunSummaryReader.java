package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.MultiRunBinder;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.plan.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.aiperf.engine.plan.RunLayout.PROFILE_RUNS_DIR;
import static dev.aiperf.engine.plan.RunLayout.RUN_DIR_NAME;

/**
 * Reads one run directory back into a {@link RunSummary} and decides whether the run counts, by AIPerf's
 * rules: a {@code run_status.json} saying failed wins (its error is kept); cancelled runs are set aside;
 * a missing or metric-less {@code profile_export_aiperf.json} is "No metrics found in artifacts - run may
 * have failed to complete"; a {@code request_count} of 0 or none is "All N requests failed" when
 * {@code error_request_count} is positive, otherwise "No requests completed".
 */
public final class RunSummaryReader {

    /** The per-run summary export. */
    static final String PROFILE_EXPORT = dev.aiperf.engine.plan.RunLayout.PROFILE_EXPORT_FILE;
    /** The orchestrator's verdict on the run. */
    static final String RUN_STATUS = dev.aiperf.engine.plan.RunStatus.FILE_NAME;

    static final String NO_METRICS = "No metrics found in artifacts - run may have failed to complete";

    private final ObjectMapper mapper = new ObjectMapper();

    /** True if {@code dir} looks like a run directory (holds a summary export or a run status). */
    public static boolean isRunDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(PROFILE_EXPORT)) || Files.isRegularFile(dir.resolve(RUN_STATUS));
    }

    /** Reads {@code dir}. Unreadable JSON is reported as a failed run, not thrown, so one bad run spares the rest. */
    public RunSummary read(Path dir) {
        JsonNode status = readJson(dir.resolve(RUN_STATUS));
        JsonNode export = readJson(dir.resolve(PROFILE_EXPORT));

        JsonNode infoNode = export != null && export.path("run_info").isObject() ? export.get("run_info")
                : status != null && status.path("run_info").isObject() ? status.get("run_info") : null;
        RunInfo info = infoNode == null ? null : runInfo(infoNode);
        String label = label(dir, info);
        Map<String, MetricBlock> metrics = export == null ? Map.of() : metrics(export);
        String model = export == null ? null : model(export.path("input_config"));
        Double cooldown = export == null ? null : cooldown(export.path("input_config"));
        MultiRunConfig multiRun = export == null ? null : multiRun(export.path("input_config"));

        RunStatus.Status verdict = RunStatus.Status.OK;
        String error = null;
        String statusWord = status == null ? null : status.path("status").asText(null);
        if ("cancelled".equals(statusWord) || (export != null && export.path("was_cancelled").asBoolean(false))) {
            verdict = RunStatus.Status.CANCELLED;
            error = status != null && status.hasNonNull("error") ? status.get("error").asText() : "cancelled";
        } else if ("failed".equals(statusWord)) {
            verdict = RunStatus.Status.FAILED;
            error = status.hasNonNull("error") ? status.get("error").asText() : "Benchmark failed";
        } else if (Files.isRegularFile(dir.resolve(PROFILE_EXPORT)) && export == null) {
            verdict = RunStatus.Status.FAILED;
            error = "Unreadable " + PROFILE_EXPORT + " in " + dir;
        } else {
            error = judgeMetrics(metrics);
            if (error != null) {
                verdict = RunStatus.Status.FAILED;
            }
        }
        return new RunSummary(dir, label, info, metrics, verdict, error, model, cooldown, multiRun);
    }

    /** The failure message for a run with these metrics, or {@code null} if they show completed requests. */
    public static String judgeMetrics(Map<String, MetricBlock> metrics) {
        if (metrics.isEmpty()) {
            return NO_METRICS;
        }
        double requests = avg(metrics, "request_count");
        if (!(requests > 0)) {
            double errors = avg(metrics, "error_request_count");
            return errors > 0 ? "All " + (long) errors + " requests failed" : "No requests completed";
        }
        return null;
    }

    private static double avg(Map<String, MetricBlock> metrics, String tag) {
        MetricBlock b = metrics.get(tag);
        if (b == null) {
            return Double.NaN;
        }
        return b.stat("avg").orElse(b.stat("sum").orElse(Double.NaN));
    }

    private JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(file.toFile());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Summary metrics are the top-level objects that contain {@code unit}. */
    static Map<String, MetricBlock> metrics(JsonNode export) {
        Map<String, MetricBlock> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = export.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode block = e.getValue();
            if (!block.isObject() || !block.has("unit")) {
                continue;
            }
            Map<String, Double> stats = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = block.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber()) {
                    stats.put(f.getKey(), f.getValue().asDouble());
                } else if (f.getValue().isNull()) {
                    stats.put(f.getKey(), Double.NaN);
                }
            }
            out.put(e.getKey(), new MetricBlock(block.get("unit").asText(""), stats));
        }
        return out;
    }

    private RunInfo runInfo(JsonNode n) {
        Map<String, Object> values = new LinkedHashMap<>();
        JsonNode vv = n.path("variation_values");
        if (vv.isObject()) {
            vv.fields().forEachRemaining(e -> values.put(e.getKey(), JsonValues.toJava(e.getValue())));
        }
        return new RunInfo(
                text(n, "benchmark_id"),
                text(n, "sweep_id"),
                n.path("random_seed").asLong(0),
                n.path("trial").asInt(0),
                text(n, "run_label"),
                text(n, "variation_label"),
                n.hasNonNull("variation_index") ? n.get("variation_index").asInt() : null,
                values,
                text(n, "cli_command"));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    /**
     * The trial directory's name when the run sits in one (runs copied in from another day keep the place they
     * were given), else run_info's label, else the directory name.
     */
    private static String label(Path dir, RunInfo info) {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        if (RUN_DIR_NAME.matcher(name).matches()) {
            return name;
        }
        Path parent = dir.getParent();
        if (parent != null && parent.getFileName() != null
                && RUN_DIR_NAME.matcher(parent.getFileName().toString()).matches()
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals(PROFILE_RUNS_DIR)) {
            return parent.getFileName().toString(); // repeated layout: profile_runs/trial_NNNN/<cell>/
        }
        return info == null || info.runLabel() == null ? name : info.runLabel();
    }

    private static String model(JsonNode config) {
        for (JsonNode models : new JsonNode[] {config.path("benchmark").path("models"), config.path("models"),
                config.path("endpoint").path("model_names")}) {
            if (models.isArray() && !models.isEmpty()) {
                JsonNode first = models.get(0);
                return first.isObject() ? first.path("name").asText(null) : first.asText(null);
            }
            if (models.isTextual()) {
                return models.asText();
            }
        }
        return null;
    }

    /** The run's {@code multi_run} block as configured; {@code null} when absent or not readable. */
    private static MultiRunConfig multiRun(JsonNode config) {
        JsonNode node = config.path("multi_run");
        if (!node.isObject()) {
            return null;
        }
        try {
            return MultiRunBinder.bind(node, SourceLines.NONE, "multi_run");
        } catch (ConfigException e) {
            return null; // a hand-edited or foreign file: aggregate it without its convergence settings
        }
    }

    private static Double cooldown(JsonNode config) {
        JsonNode c = config.path("multi_run").path("cooldown_seconds");
        return c.isNumber() ? c.asDouble() : null;
    }
}
