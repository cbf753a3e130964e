package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metric blocks of a {@code profile_export_aiperf.json}, read back: metric tag to unit and statistics.
 * Every top-level object with a {@code unit} field is a metric block, so files from AIPerf itself read too.
 *
 * @param metrics tag to block, in file order
 */
public record RunSummary(Map<String, Metric> metrics) {

    /** One metric block: its unit and every numeric statistic (avg, p99, count, ...). */
    public record Metric(String unit, Map<String, Double> stats) {
        public Metric {
            stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
        }
    }

    public RunSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException when the file is missing or not a JSON object
     */
    public static RunSummary read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read a profile export (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": not a profile_export_aiperf.json (expected a JSON object)");
        }
        Map<String, Metric> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode block = e.getValue();
            if (!block.isObject() || !block.path("unit").isTextual()) {
                continue;
            }
            Map<String, Double> stats = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> s = block.fields(); s.hasNext(); ) {
                Map.Entry<String, JsonNode> stat = s.next();
                if (stat.getValue().isNumber()) {
                    stats.put(stat.getKey(), stat.getValue().doubleValue());
                }
            }
            out.put(e.getKey(), new Metric(block.get("unit").asText(), stats));
        }
        return new RunSummary(out);
    }

    /** One statistic, e.g. {@code get("time_to_first_token", "p99")}; empty when absent. */
    public OptionalDouble get(String tag, String stat) {
        Metric m = metrics.get(tag);
        Double v = m == null ? null : m.stats().get(stat);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
