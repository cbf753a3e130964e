package dev.aiperf.engine.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.metrics.ProfileExportJson;
import dev.aiperf.engine.plan.RunStatus;
import dev.aiperf.engine.stats.CellAggregateWriter;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.stats.SweepAggregateWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The results found under a directory, grouped into cells by their variation values.
 *
 * <p>Prefers the run directories wherever they sit, so every AIPerf layout works: a single run ({@code <base>/}),
 * several runs ({@code <base>/profile_runs/run_NNNN/}), a repeated sweep ({@code <base>/profile_runs/trial_NNNN/<cell>/}),
 * an independent sweep ({@code <base>/<cell>/profile_runs/...}) and a single-trial sweep ({@code <base>/<cell>/}).
 *
 * <p>Only successful trials are compared. Each run directory is judged by the aggregation's own rules
 * ({@link RunSummaryReader#read}): {@code run_status.json} saying failed or cancelled, an export with
 * {@code was_cancelled: true}, or metrics without a completed request leave the trial out, and the cell lists it in
 * {@link CellResults#excluded()}. From aggregates, the runs their metadata lists as failed or cancelled are listed
 * the same way (the aggregate already left them out of its statistics).
 *
 * @param root  the directory that was scanned
 * @param cells cells in the order of their first run (by path)
 */
public record ResultSet(Path root, Map<String, CellResults> cells) {

    private static final String RUN_EXPORT = ProfileExportJson.FILE_NAME;
    private static final String RUN_STATUS = RunStatus.FILE_NAME;
    private static final String CELL_AGGREGATE = CellAggregateWriter.JSON_FILE;
    private static final String SWEEP_AGGREGATE = SweepAggregateWriter.JSON_FILE;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ResultSet {
        cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * Reads the results under {@code path}: the run directories when any holds a per-run export (every trial's
     * value), else the per-cell confidence aggregates ({@value CellAggregateWriter#JSON_FILE}), else a sweep
     * aggregate ({@value SweepAggregateWriter#JSON_FILE}), else run directories holding only a
     * {@code run_status.json} (runs that all failed). {@code path} may also be one aggregate file.
     *
     * @param role {@code baseline} or {@code candidate}, named in error messages
     * @throws ConfigException if the path is missing, holds no results, or a file is not valid JSON
     */
    public static ResultSet read(Path path, String role) {
        if (path == null) {
            throw new ConfigException(role + ": no directory given; pass the directory written by aiperf profile");
        }
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (name.equals(CELL_AGGREGATE)) {
                return fromCellAggregates(path, List.of(path), role);
            }
            if (name.equals(SWEEP_AGGREGATE)) {
                return fromSweepAggregate(path, path, role);
            }
            throw new ConfigException(role + ": " + path + " is not a results directory, " + CELL_AGGREGATE + " or "
                    + SWEEP_AGGREGATE + "; pass the artifacts directory written by aiperf profile");
        }
        if (!Files.isDirectory(path)) {
            throw new ConfigException(role + ": directory " + path + " does not exist; pass the artifacts directory"
                    + " written by aiperf profile (e.g. target/aiperf)");
        }
        List<Path> runs = runDirectories(path);
        if (runs.stream().anyMatch(d -> Files.isRegularFile(d.resolve(RUN_EXPORT)))) {
            return fromRuns(path, runs, role);
        }
        List<Path> aggregates = find(path, CELL_AGGREGATE);
        if (!aggregates.isEmpty()) {
            return fromCellAggregates(path, aggregates, role);
        }
        List<Path> sweeps = find(path, SWEEP_AGGREGATE);
        if (!sweeps.isEmpty()) {
            return fromSweepAggregate(path, sweeps.get(0), role);
        }
        if (!runs.isEmpty()) {
            return fromRuns(path, runs, role);
        }
        throw new ConfigException(role + ": no " + RUN_EXPORT + ", " + CELL_AGGREGATE + " or " + SWEEP_AGGREGATE
                + " found under " + path + "; pass the artifacts directory of an aiperf profile run");
    }

    /** Files named {@code name} under {@code dir}, shallowest first, then by path. */
    private static List<Path> find(Path dir, String name) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p))
                    .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir, e);
        }
    }

    /** The directories under {@code dir} holding a per-run export or a run status, in the order of their export's path. */
    private static List<Path> runDirectories(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isDirectory(p) && RunSummaryReader.isRunDirectory(p))
                    .sorted(Comparator.comparing((Path d) -> d.resolve(RUN_EXPORT).toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir, e);
        }
    }

    /** One run directory, read: where it belongs and whether it counts. */
    private record Trial(int trial, RunResult run, ExcludedTrial excluded) {
    }

    private static ResultSet fromRuns(Path root, List<Path> dirs, String role) {
        RunSummaryReader reader = new RunSummaryReader();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<Trial>> trials = new LinkedHashMap<>();
        int order = 0;
        for (Path dir : dirs) {
            Path file = dir.resolve(RUN_EXPORT);
            JsonNode export = Files.isRegularFile(file) ? parse(file, role) : null;
            JsonNode info = export != null && export.path("run_info").isObject() ? export.path("run_info")
                    : lenient(dir.resolve(RUN_STATUS)).path("run_info");
            String key = cellKey(info.path("variation_values"), info.path("variation_label"));
            int trial = info.path("trial").isInt() ? info.path("trial").asInt() : order;
            order++;
            labels.putIfAbsent(key, label(info.path("variation_label"), key));
            RunSummary summary = reader.read(dir);
            trials.computeIfAbsent(key, k -> new ArrayList<>()).add(summary.succeeded()
                    ? new Trial(trial, new RunResult(file, trial, export), null)
                    : new Trial(trial, null, new ExcludedTrial(summary.label(), summary.status(), summary.error(),
                    null)));
        }
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (Map.Entry<String, List<Trial>> e : trials.entrySet()) {
            List<Trial> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt(Trial::trial));
            cells.put(e.getKey(), new CellResults.Runs(e.getKey(), labels.get(e.getKey()),
                    sorted.stream().map(Trial::run).filter(Objects::nonNull).toList(),
                    sorted.stream().map(Trial::excluded).filter(Objects::nonNull).toList()));
        }
        return new ResultSet(root, cells);
    }

    /**
     * Per-cell aggregates: {@code num_successful_runs} is the trial count (the aggregate's statistics cover only
     * those), and the runs in {@code failed_runs} and {@code cancelled_runs} are listed as excluded.
     */
    private static ResultSet fromCellAggregates(Path root, List<Path> files, String role) {
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode doc = parse(file, role);
            JsonNode meta = doc.path("metadata");
            String key = cellKey(meta.path("variation_values"), meta.path("variation_label"));
            JsonNode metrics = doc.path("metrics");
            int trials = meta.path("num_successful_runs").isInt() ? meta.path("num_successful_runs").asInt()
                    : !meta.path("run_labels").isEmpty() ? meta.path("run_labels").size()
                    : metrics.isObject() && !metrics.isEmpty() ? 1 : 0;
            List<ExcludedTrial> excluded = new ArrayList<>();
            listed(meta.path("failed_runs"), RunStatus.Status.FAILED, CELL_AGGREGATE, excluded::add);
            listed(meta.path("cancelled_runs"), RunStatus.Status.CANCELLED, CELL_AGGREGATE, excluded::add);
            cells.putIfAbsent(key, new CellResults.Aggregate(key, label(meta.path("variation_label"), key),
                    metrics, trials, excluded));
        }
        return new ResultSet(root, cells);
    }

    /**
     * A sweep aggregate: each combination's trial count is {@code num_trials_per_value} less the runs of that
     * combination listed in {@code failed_runs} and {@code cancelled_runs}, at least 1. The file records no
     * per-combination count, so this is exact only when every cell ran the same number of trials (not after
     * multi-run convergence stopped some cells early); the per-run files and per-cell aggregates are preferred.
     * A combination whose runs all failed is absent from {@code per_combination_metrics} and becomes a cell with no
     * trial.
     */
    private static ResultSet fromSweepAggregate(Path root, Path file, String role) {
        JsonNode doc = parse(file, role);
        JsonNode combos = doc.path("per_combination_metrics");
        if (!combos.isArray() || (combos.isEmpty() && doc.path("failed_runs").isEmpty())) {
            throw new ConfigException(role + ": " + file + " has no per_combination_metrics; is it a sweep aggregate?");
        }
        int perValue = doc.path("metadata").path("num_trials_per_value").asInt(1);
        Map<String, List<ExcludedTrial>> excluded = new LinkedHashMap<>();
        Map<String, String> excludedLabels = new LinkedHashMap<>();
        for (String field : List.of("failed_runs", "cancelled_runs")) {
            RunStatus.Status status = field.startsWith("failed") ? RunStatus.Status.FAILED
                    : RunStatus.Status.CANCELLED;
            for (JsonNode f : doc.path(field)) {
                String key = cellKey(f.path("parameters"), f.path("variation_label"));
                excludedLabels.putIfAbsent(key, label(f.path("variation_label"), key));
                listed(f, status, SWEEP_AGGREGATE, excluded.computeIfAbsent(key, k -> new ArrayList<>())::add);
            }
        }
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (JsonNode combo : combos) {
            String key = cellKey(combo.path("parameters"), combo.path("label"));
            List<ExcludedTrial> left = excluded.getOrDefault(key, List.of());
            cells.putIfAbsent(key, new CellResults.Aggregate(key, label(combo.path("label"), key),
                    combo.path("metrics"), Math.max(1, perValue - left.size()), left));
        }
        excluded.forEach((key, left) -> cells.putIfAbsent(key, new CellResults.Aggregate(key,
                excludedLabels.get(key), MissingNode.getInstance(), 0, left)));
        return new ResultSet(root, cells);
    }

    /**
     * The runs an aggregate lists as failed or cancelled: an array of {@code {label, error}} objects or of labels,
     * or a single such object.
     */
    private static void listed(JsonNode entries, RunStatus.Status status, String source,
                               java.util.function.Consumer<ExcludedTrial> sink) {
        if (entries.isArray()) {
            entries.forEach(e -> listed(e, status, source, sink));
            return;
        }
        if (entries.isTextual()) {
            sink.accept(new ExcludedTrial(entries.asText(), status, null, source));
        } else if (entries.isObject()) {
            sink.accept(new ExcludedTrial(entries.path("label").asText("unlabelled run"), status,
                    entries.hasNonNull("error") ? entries.get("error").asText() : null, source));
        }
    }

    /** A JSON object read without complaint: a missing or unreadable file is a missing node. */
    private static JsonNode lenient(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return node != null && node.isObject() ? node : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String label(JsonNode label, String key) {
        return label.isTextual() ? label.asText() : key.isEmpty() ? "all runs" : key;
    }

    private static JsonNode parse(Path file, String role) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConfigException(role + ": " + file + " is not a JSON object; is it an AIPerf export?");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(role + ": " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); re-run the benchmark or remove the file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The canonical key of a cell: its variation values named by their last path segment (the full path when two
     * segments collide, as in AIPerf's sweep aggregate), numbers without trailing zeros, sorted by name and joined
     * as {@code name=value, ...}. Nested values fall back to the label; no sweep gives an empty key.
     */
    static String cellKey(JsonNode values, JsonNode label) {
        if (!values.isObject() || values.isEmpty()) {
            return label.isTextual() ? label.asText() : "";
        }
        Map<String, Integer> leafCount = new HashMap<>();
        for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
            leafCount.merge(leaf(it.next()), 1, Integer::sum);
        }
        Map<String, String> named = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                return label.isTextual() ? label.asText() : e.getValue().toString();
            }
            String leaf = leaf(e.getKey());
            named.put(leafCount.get(leaf) > 1 ? e.getKey() : leaf, scalar(e.getValue()));
        }
        StringBuilder sb = new StringBuilder();
        named.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String scalar(JsonNode v) {
        if (v.isNumber()) {
            java.math.BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        return v.asText();
    }
}
