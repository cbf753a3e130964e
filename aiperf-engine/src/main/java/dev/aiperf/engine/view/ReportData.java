package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.compare.ComparisonReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the report shows, as one JSON object read from the artifacts (REPORT.md lists its keys): cells with
 * their confidence intervals, knee, SLA rules, search trajectory, per-cell percentile curves and request timelines,
 * configuration and environment, and the comparison when there is one. The page's script draws only this.
 */
final class ReportData {

    /** Timeline points over all cells; each cell gets an equal share within [MIN, MAX]. */
    static final int TIMELINE_BUDGET = 40_000;
    static final int TIMELINE_MIN = 100;
    static final int TIMELINE_MAX = 5_000;
    /** A cell is at the knee when its request throughput reaches this share of the highest. */
    static final double KNEE_SHARE = 0.95;

    private ReportData() {
    }

    static ObjectNode build(ArtifactFiles files, ComparisonReport comparison, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("title", "AIPerf report: " + files.dir().toAbsolutePath().normalize().getFileName());
        root.put("directory", files.dir().toAbsolutePath().normalize().toString());
        List<RunEntry> runs = files.runExports().stream().map(p -> RunEntry.read(p, json)).toList();
        JsonNode sweep = files.sweepAggregate() == null ? null : RunEntry.readTree(files.sweepAggregate(), json);
        ArrayNode cells = cells(files, runs, sweep, json);
        root.set("cells", cells);
        root.put("confidence_level", sweep != null ? sweep.path("metadata").path("confidence_level").asDouble(0.95)
                : 0.95);
        ArrayNode sla = root.putArray("sla");
        if (sweep != null) {
            sweep.path("metadata").path("sla_constraints").path("active_filters").forEach(sla::add);
            root.set("best_configurations", sweep.path("best_configurations").deepCopy());
        }
        JsonNode history = files.searchHistory() == null ? null : RunEntry.readTree(files.searchHistory(), json);
        if (history != null) {
            if (sla.isEmpty()) {
                history.path("config").path("sla_filters").forEach(sla::add);
            }
            root.set("search", SearchTrajectory.of(history, json));
        }
        root.set("knee", knee(files, cells, json));
        requests(cells, runs, root, json);
        context(runs, root);
        if (comparison != null) {
            root.set("compare", CompareSection.of(comparison, json));
        }
        return root;
    }

    private static ArrayNode cells(ArtifactFiles files, List<RunEntry> runs, JsonNode sweep, ObjectMapper json) {
        if (sweep != null) {
            return CellTable.fromSweep(sweep, json);
        }
        for (Path p : files.cellAggregates()) {
            if (CellTable.isTopLevel(p, files.dir())) {
                return CellTable.fromCellAggregate(RunEntry.readTree(p, json), json);
            }
        }
        return CellTable.fromRuns(runs.stream().filter(RunEntry::ok).toList(), json);
    }

    /**
     * The recipe's knee when a {@code degradation_knee.json} exists; otherwise, with three cells or more, the first
     * cell (in sweep order) whose mean request throughput reaches {@value #KNEE_SHARE} of the highest: where adding
     * load stops adding throughput.
     */
    private static JsonNode knee(ArtifactFiles files, ArrayNode cells, ObjectMapper json) {
        if (files.knee() != null) {
            JsonNode k = RunEntry.readTree(files.knee(), json);
            String leaf = k.path("swept_param").asText();
            leaf = leaf.substring(leaf.lastIndexOf('.') + 1);
            JsonNode value = k.path("knee_" + leaf);
            if (!value.isNull() && !value.isMissingNode()) {
                for (JsonNode c : cells) {
                    JsonNode p = c.path("parameters").path(leaf);
                    if (p.isNumber() && p.asDouble() == value.asDouble()) {
                        return json.createObjectNode().put("cell", c.path("index").asInt())
                                .put("source", "degradation_knee.json");
                    }
                }
            }
        }
        if (cells.size() < 3) {
            return json.nullNode();
        }
        double max = 0;
        for (JsonNode c : cells) {
            max = Math.max(max, c.path("metrics").path("request_throughput_avg").path("mean").asDouble(0));
        }
        for (JsonNode c : cells) {
            if (max > 0 && c.path("metrics").path("request_throughput_avg").path("mean").asDouble(0)
                    >= KNEE_SHARE * max) {
                return json.createObjectNode().put("cell", c.path("index").asInt())
                        .put("source", "throughput reaches " + Math.round(KNEE_SHARE * 100) + "% of its highest");
            }
        }
        return json.nullNode();
    }

    /** Per cell, its first successful run's percentile curves and timeline. */
    private static void requests(ArrayNode cells, List<RunEntry> runs, ObjectNode root, ObjectMapper json) {
        ObjectNode dist = root.putObject("distributions");
        for (String m : RequestSample.METRICS) {
            dist.putArray(m);
        }
        ArrayNode timelines = root.putArray("timelines");
        int share = Math.max(TIMELINE_MIN, Math.min(TIMELINE_MAX, TIMELINE_BUDGET / Math.max(1, cells.size())));
        Set<Path> used = new HashSet<>();
        for (JsonNode c : cells) {
            RunEntry run = runs.stream().filter(r -> r.ok() && !used.contains(r.dir())
                    && RunEntry.key(r.params()).equals(c.path("key").asText())
                    && Files.isRegularFile(r.dir().resolve(ArtifactFiles.RECORDS))).findFirst().orElse(null);
            if (run == null) {
                continue;
            }
            used.add(run.dir());
            RequestSample s = RequestSample.read(run.dir().resolve(ArtifactFiles.RECORDS));
            String source = root.path("directory").asText().isEmpty() ? run.dir().toString()
                    : Path.of(root.path("directory").asText()).relativize(run.dir().toAbsolutePath().normalize())
                    .toString();
            for (int m = 0; m < RequestSample.METRICS.length; m++) {
                double[] q = s.percentiles(m);
                if (q.length == 0) {
                    continue;
                }
                ObjectNode curve = ((ArrayNode) dist.path(RequestSample.METRICS[m])).addObject();
                curve.put("cell", c.path("index").asInt()).put("run", source);
                ArrayNode values = curve.putArray("percentiles");
                for (double v : q) {
                    values.add(v);
                }
            }
            ObjectNode t = timelines.addObject().put("cell", c.path("index").asInt()).put("run", source);
            Timeline.write(s, share, t);
        }
    }

    /** Configuration and environment as the first run recorded them; run counts over all runs. */
    private static void context(List<RunEntry> runs, ObjectNode root) {
        ObjectNode env = root.putObject("environment");
        long ok = runs.stream().filter(RunEntry::ok).count();
        env.put("runs", runs.size()).put("runs_ok", ok).put("runs_failed_or_cancelled", runs.size() - ok);
        if (runs.isEmpty()) {
            return;
        }
        JsonNode first = runs.get(0).export();
        env.put("aiperf_version", first.path("aiperf_version").asText(""));
        List<String> starts = new ArrayList<>();
        runs.forEach(r -> starts.add(r.export().path("start_time").asText("")));
        env.put("first_start", starts.stream().filter(s -> !s.isEmpty()).min(String::compareTo).orElse(""));
        env.put("last_end", runs.stream().map(r -> r.export().path("end_time").asText(""))
                .max(String::compareTo).orElse(""));
        JsonNode bench = first.path("input_config").path("benchmark");
        env.set("models", bench.path("models").deepCopy());
        env.set("urls", bench.path("endpoint").path("urls").deepCopy());
        root.put("command", first.path("run_info").path("cli_command").asText(""));
        root.set("config", first.path("input_config").deepCopy());
    }
}
