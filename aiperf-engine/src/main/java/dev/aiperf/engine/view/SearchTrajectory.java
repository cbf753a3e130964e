package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A search's walk from {@code search_history.json}: per iteration the cell tried, the first objective's value, the
 * SLA verdict and the incumbent (the best feasible value so far); for a monotonic SLA search the bracket it closed
 * (highest feasible and lowest infeasible value of the swept dimension).
 */
final class SearchTrajectory {

    private SearchTrajectory() {
    }

    static ObjectNode of(JsonNode history, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        JsonNode config = history.path("config");
        JsonNode objective = config.path("objectives").path(0);
        boolean maximize = !"MINIMIZE".equalsIgnoreCase(objective.path("direction").asText("MAXIMIZE"));
        out.put("planner", config.path("planner").asText(""));
        out.put("recipe", history.path("recipe").asText(""));
        out.put("objective", objective.path("metric").asText("") + "_" + objective.path("stat").asText(""));
        out.put("direction", maximize ? "maximize" : "minimize");
        out.put("stop_reason", history.path("convergence_reason").asText(""));
        ArrayNode iterations = out.putArray("iterations");
        double incumbent = Double.NaN;
        for (JsonNode it : history.path("iterations")) {
            ObjectNode row = iterations.addObject();
            row.put("iteration", it.path("iteration_idx").asInt());
            row.put("label", RunEntry.label(RunEntry.leafParams(it.path("variation_values"))));
            ObjectNode params = row.putObject("parameters");
            it.path("variation_values").fields().forEachRemaining(e -> params.set(
                    e.getKey().substring(e.getKey().lastIndexOf('.') + 1), e.getValue().deepCopy()));
            JsonNode v = it.path("objective_values").path(0);
            boolean feasible = it.path("feasible").asBoolean(true);
            row.put("feasible", feasible);
            if (v.isNumber()) {
                double x = v.asDouble();
                row.put("objective", x);
                if (feasible && (Double.isNaN(incumbent) || (maximize ? x > incumbent : x < incumbent))) {
                    incumbent = x;
                }
            } else {
                row.putNull("objective");
            }
            if (Double.isNaN(incumbent)) {
                row.putNull("incumbent");
            } else {
                row.put("incumbent", incumbent);
            }
        }
        JsonNode boundary = history.path("boundary_summary");
        if (boundary.isObject()) {
            String path = boundary.path("swept_dim_path").asText("");
            ObjectNode bracket = out.putObject("bracket");
            bracket.put("parameter", path.substring(path.lastIndexOf('.') + 1));
            bracket.set("feasible_max", boundary.path("feasible_max").path("value").deepCopy());
            bracket.set("infeasible_min", boundary.path("infeasible_min").path("value").deepCopy());
            bracket.set("first_breach", boundary.path("infeasible_min").path("first_breach").deepCopy());
        }
        return out;
    }
}
