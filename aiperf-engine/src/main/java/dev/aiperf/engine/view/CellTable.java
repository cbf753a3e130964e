package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cells of the report, one JSON object each: label, parameters, SLA feasibility and, for every metric the charts
 * use, the mean and confidence interval over the cell's trials, exactly as the aggregate files hold them. Without an
 * aggregate (one run, no sweep) the run's own statistic stands in, with an interval of zero width.
 */
final class CellTable {

    /** The {@code <metric>_<stat>} keys the charts offer; a key absent from the artifacts is left out. */
    static final List<String> METRIC_KEYS = List.of("request_throughput_avg", "output_token_throughput_avg",
            "total_token_throughput_avg", "time_to_first_token_avg", "time_to_first_token_p50",
            "time_to_first_token_p90", "time_to_first_token_p95", "time_to_first_token_p99",
            "inter_token_latency_avg", "inter_token_latency_p50", "inter_token_latency_p90", "inter_token_latency_p95",
            "inter_token_latency_p99", "request_latency_avg", "request_latency_p50", "request_latency_p90",
            "request_latency_p95", "request_latency_p99",
            "output_token_throughput_per_user_p50", "request_error_rate_avg", "error_request_count_avg");

    private CellTable() {
    }

    /** From the sweep aggregate, one cell per {@code per_combination_metrics} entry. */
    static ArrayNode fromSweep(JsonNode sweep, ObjectMapper json) {
        ArrayNode cells = json.createArrayNode();
        for (JsonNode c : sweep.path("per_combination_metrics")) {
            Map<String, String> params = RunEntry.leafParams(c.path("parameters"));
            ObjectNode cell = cell(cells, params, c.path("parameters"));
            if (c.has("sla_feasible")) {
                cell.put("sla_feasible", c.path("sla_feasible").asBoolean());
            }
            copyStats(c.path("metrics"), cell.putObject("metrics"));
        }
        return cells;
    }

    /** From a per-cell aggregate without a sweep (N runs of one configuration). */
    static ArrayNode fromCellAggregate(JsonNode aggregate, ObjectMapper json) {
        ArrayNode cells = json.createArrayNode();
        ObjectNode cell = cell(cells, Map.of(), json.createObjectNode());
        cell.put("trials", aggregate.path("metadata").path("num_successful_runs").asInt());
        copyStats(aggregate.path("metrics"), cell.putObject("metrics"));
        return cells;
    }

    /** From single runs (no aggregate): each run its own cell, its statistic as mean, no interval. */
    static ArrayNode fromRuns(List<RunEntry> runs, ObjectMapper json) {
        ArrayNode cells = json.createArrayNode();
        for (RunEntry r : runs) {
            ObjectNode cell = cell(cells, r.params(), r.export().path("run_info").path("variation_values"));
            cell.put("trials", 1);
            ObjectNode metrics = cell.putObject("metrics");
            for (String key : METRIC_KEYS) {
                int cut = key.lastIndexOf('_');
                JsonNode block = r.export().path(key.substring(0, cut));
                JsonNode v = block.path(key.substring(cut + 1));
                if (v.isNumber()) {
                    metrics.putObject(key).put("mean", v.asDouble()).put("ci_low", v.asDouble())
                            .put("ci_high", v.asDouble()).put("unit", block.path("unit").asText(""));
                }
            }
        }
        return cells;
    }

    private static ObjectNode cell(ArrayNode cells, Map<String, String> params, JsonNode raw) {
        ObjectNode cell = cells.addObject();
        cell.put("index", cells.size() - 1);
        cell.put("label", params.isEmpty() ? "all runs" : RunEntry.label(params));
        cell.put("key", RunEntry.key(params));
        cell.set("parameters", raw.deepCopy());
        return cell;
    }

    private static void copyStats(JsonNode from, ObjectNode to) {
        for (String key : METRIC_KEYS) {
            JsonNode s = from.path(key);
            if (s.path("mean").isNumber()) {
                ObjectNode m = to.putObject(key);
                m.put("mean", s.path("mean").asDouble());
                m.put("ci_low", s.path("ci_low").asDouble(s.path("mean").asDouble()));
                m.put("ci_high", s.path("ci_high").asDouble(s.path("mean").asDouble()));
                m.put("unit", s.path("unit").asText(""));
            }
        }
    }

    /** The directory of the cell aggregate that belongs to no sweep cell: {@code <base>/aggregate/}. */
    static boolean isTopLevel(Path aggregateFile, Path base) {
        Path parent = aggregateFile.getParent();
        return parent.equals(base.resolve("aggregate")) || parent.equals(base);
    }
}
