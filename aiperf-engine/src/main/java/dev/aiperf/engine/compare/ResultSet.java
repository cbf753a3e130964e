package dev.aiperf.engine.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.metrics.ProfileExportJson;
import dev.aiperf.engine.stats.CellAggregateWriter;
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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The results found under a directory, grouped into cells by their variation values.
 *
 * <p>Prefers the per-run {@code profile_export_aiperf.json} files wherever they sit, so every AIPerf layout works:
 * a single run ({@code <base>/}), several runs ({@code <base>/profile_runs/run_NNNN/}), a repeated sweep
 * ({@code <base>/profile_runs/trial_NNNN/<cell>/}), an independent sweep ({@code <base>/<cell>/profile_runs/...})
 * and a single-trial sweep ({@code <base>/<cell>/}).
 *
 * @param root  the directory that was scanned
 * @param cells cells in the order of their first run (by path)
 */
public record ResultSet(Path root, Map<String, CellResults> cells) {

    private static final String RUN_EXPORT = ProfileExportJson.FILE_NAME;
    private static final String CELL_AGGREGATE = CellAggregateWriter.JSON_FILE;
    private static final String SWEEP_AGGREGATE = SweepAggregateWriter.JSON_FILE;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ResultSet {
        cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * Reads the results under {@code path}: the per-run exports when there are any (every trial's value), else the
     * per-cell confidence aggregates ({@value CellAggregateWriter#JSON_FILE}), else a sweep aggregate
     * ({@value SweepAggregateWriter#JSON_FILE}).
     * {@code path} may also be one aggregate file.
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
        List<Path> runs = find(path, RUN_EXPORT);
        if (!runs.isEmpty()) {
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

    private static ResultSet fromRuns(Path root, List<Path> files, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        int order = 0;
        for (Path file : files.stream().sorted(Comparator.comparing(Path::toString)).toList()) {
            JsonNode export = parse(file, role);
            JsonNode info = export.path("run_info");
            String key = cellKey(info.path("variation_values"), info.path("variation_label"));
            int trial = info.path("trial").isInt() ? info.path("trial").asInt() : order;
            order++;
            labels.putIfAbsent(key, label(info.path("variation_label"), key));
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(new RunResult(file, trial, export));
        }
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunResult>> e : runs.entrySet()) {
            List<RunResult> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt(RunResult::trial));
            cells.put(e.getKey(), new CellResults.Runs(e.getKey(), labels.get(e.getKey()), sorted));
        }
        return new ResultSet(root, cells);
    }

    private static ResultSet fromCellAggregates(Path root, List<Path> files, String role) {
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode doc = parse(file, role);
            JsonNode meta = doc.path("metadata");
            String key = cellKey(meta.path("variation_values"), meta.path("variation_label"));
            int trials = meta.path("num_successful_runs").isInt() ? meta.path("num_successful_runs").asInt()
                    : meta.path("run_labels").size();
            cells.putIfAbsent(key, new CellResults.Aggregate(key, label(meta.path("variation_label"), key),
                    doc.path("metrics"), trials));
        }
        return new ResultSet(root, cells);
    }

    private static ResultSet fromSweepAggregate(Path root, Path file, String role) {
        JsonNode doc = parse(file, role);
        JsonNode combos = doc.path("per_combination_metrics");
        if (!combos.isArray() || combos.isEmpty()) {
            throw new ConfigException(role + ": " + file + " has no per_combination_metrics; is it a sweep aggregate?");
        }
        int trials = doc.path("metadata").path("num_trials_per_value").asInt(1);
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (JsonNode combo : combos) {
            String key = cellKey(combo.path("parameters"), combo.path("label"));
            cells.putIfAbsent(key, new CellResults.Aggregate(key, label(combo.path("label"), key),
                    combo.path("metrics"), trials));
        }
        return new ResultSet(root, cells);
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
