package dev.aiperf.engine.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.stats.SweepAggregate.SweepParameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The best trials of an adaptive search as the sweep aggregate carries them ({@code search_frontier}): the
 * objectives and, for each non-dominated trial (or the single best one with one objective), its parameters
 * under the same names as {@code per_combination_metrics}, its iteration, objective values and feasibility.
 * Read from the search's own {@code search_history.json}, so an offline recompute rebuilds it unchanged.
 *
 * @param objectives the search objectives, in the order of each point's objective values
 * @param points     the frontier, ordered by iteration
 */
public record SearchFrontier(List<Objective> objectives, List<Point> points) {

    /** The file the search writes into its artifacts base directory. */
    public static final String HISTORY_FILE = "search_history.json";

    /** One objective: metric tag, statistic and {@code maximize} / {@code minimize}. */
    public record Objective(String metric, String stat, String direction) {
    }

    /**
     * One frontier point.
     *
     * @param parameters      parameter name to value, named as in {@code per_combination_metrics}
     * @param iteration       the search iteration ({@code iteration_idx})
     * @param objectiveValues one value per objective; {@code null} where the metric was missing
     * @param feasible        whether the trial met the search's SLA filters
     */
    public record Point(Map<String, Object> parameters, int iteration, List<Double> objectiveValues,
                        boolean feasible) {
    }

    /**
     * The frontier recorded in {@code baseDir/search_history.json}, or empty when there is no such file (a
     * plain sweep) or the search scored no trial yet.
     *
     * @param parameters the sweep's parameters, whose display names the points use
     * @throws ConfigException if the file is not a readable search history
     */
    public static Optional<SearchFrontier> read(Path baseDir, List<SweepParameter> parameters) {
        Path file = baseDir.resolve(HISTORY_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = AggregateJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ConfigException("aggregate: " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); rerun the search or remove the file to aggregate without its frontier");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode objectives = root == null ? null : root.path("config").path("objectives");
        if (objectives == null || !objectives.isArray() || objectives.isEmpty()) {
            throw new ConfigException("aggregate: " + file + " has no config.objectives list; it is not a search"
                    + " history written by aiperf (rerun the search or remove the file)");
        }
        List<Objective> objs = new ArrayList<>();
        for (JsonNode o : objectives) {
            objs.add(new Objective(o.path("metric").asText(), o.path("stat").asText(),
                    o.path("direction").asText().toLowerCase(Locale.ROOT)));
        }
        JsonNode best = root.path("best_trials");
        if (!best.isArray() || best.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> names = new LinkedHashMap<>();
        parameters.forEach(p -> names.put(p.path(), p.name()));
        List<Point> points = new ArrayList<>();
        for (JsonNode b : best) {
            Map<String, Object> params = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = b.path("variation_values").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                params.put(names.getOrDefault(e.getKey(), leaf(e.getKey())), plain(e.getValue()));
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode v : b.path("objective_values")) {
                values.add(v.isNumber() ? v.asDouble() : null);
            }
            points.add(new Point(params, b.path("iteration_idx").asInt(), values, b.path("feasible").asBoolean()));
        }
        points.sort(Comparator.comparingInt(Point::iteration));
        return Optional.of(new SearchFrontier(List.copyOf(objs), List.copyOf(points)));
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Integers stay integers (as the cells' parameters do); other numbers are doubles. */
    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.isNull() ? null : v.asText();
    }
}
