package dev.aiperf.engine.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.config.ConfigException;

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
 * Every run found under a results directory, grouped into cells by {@code run_info}'s variation values.
 *
 * <p>Reads the per-run {@code profile_export_aiperf.json} files wherever they sit, so every AIPerf layout works:
 * a single run ({@code <base>/}), several runs ({@code <base>/profile_runs/run_NNNN/}), a repeated sweep
 * ({@code <base>/profile_runs/trial_NNNN/<cell>/}), an independent sweep ({@code <base>/<cell>/profile_runs/...})
 * and a single-trial sweep ({@code <base>/<cell>/}).
 *
 * @param root  the directory that was scanned
 * @param cells cells in the order of their first run (by path)
 */
public record ResultSet(Path root, Map<String, CellResults> cells) {

    /** The per-run export file name. */
    public static final String RUN_EXPORT = "profile_export_aiperf.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ResultSet {
        cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * Scans {@code dir} for per-run exports.
     *
     * @param role {@code baseline} or {@code candidate}, named in error messages
     * @throws ConfigException if the directory is missing, holds no run, or a file is not valid JSON
     */
    public static ResultSet read(Path dir, String role) {
        if (dir == null) {
            throw new ConfigException(role + ": no directory given; pass the directory written by aiperf profile");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(role + ": directory " + dir + " does not exist; pass the artifacts directory"
                    + " written by aiperf profile (e.g. target/aiperf)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().equals(RUN_EXPORT) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir, e);
        }
        if (files.isEmpty()) {
            throw new ConfigException(role + ": no " + RUN_EXPORT + " found under " + dir
                    + "; pass the artifacts directory of an aiperf profile run");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        int order = 0;
        for (Path file : files) {
            JsonNode export = parse(file, role);
            JsonNode info = export.path("run_info");
            String key = cellKey(info.path("variation_values"), info.path("variation_label"));
            String label = info.path("variation_label").isTextual() ? info.path("variation_label").asText()
                    : key.isEmpty() ? "all runs" : key;
            int trial = info.path("trial").isInt() ? info.path("trial").asInt() : order;
            order++;
            labels.putIfAbsent(key, label);
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(new RunResult(file, trial, export));
        }
        Map<String, CellResults> cells = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunResult>> e : runs.entrySet()) {
            List<RunResult> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt(RunResult::trial));
            cells.put(e.getKey(), new CellResults(e.getKey(), labels.get(e.getKey()), sorted));
        }
        return new ResultSet(dir, cells);
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
