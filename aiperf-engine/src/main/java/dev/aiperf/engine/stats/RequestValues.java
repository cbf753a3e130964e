package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.metrics.RunRecorder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-request values of a run, read from its {@code profile_export.jsonl}
 * ({@code {"metadata":{..},"metrics":{"request_latency":{"value":12.3,"unit":"ms"},..},"error":..}}).
 * Requests with an error are skipped; a list value (e.g. inter-chunk gaps) contributes all its entries.
 */
public final class RequestValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Values of one metric with its unit. */
    public record Series(String unit, double[] values) {
    }

    private RequestValues() {
    }

    /** The finite values of {@code metric} over the run's successful requests; empty if the file is missing. */
    public static double[] of(Path runDir, String metric) {
        Series s = all(runDir).get(metric);
        return s == null ? new double[0] : s.values();
    }

    /** Every numeric metric of the run's successful requests, sorted by tag. */
    public static Map<String, Series> all(Path runDir) {
        Map<String, Series> out = new TreeMap<>();
        if (runDir == null) {
            return out;
        }
        Path file = runDir.resolve(RunRecorder.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, double[]> buffers = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec;
                try {
                    rec = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new AggregationException(file + " line " + lineNo + " is not JSON: " + e.getMessage());
                }
                if (rec.hasNonNull("error") && !rec.get("error").isMissingNode()) {
                    continue;
                }
                Iterator<Map.Entry<String, JsonNode>> it = rec.path("metrics").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode m = e.getValue();
                    JsonNode v = m.isObject() ? m.path("value") : m;
                    if (m.isObject() && m.hasNonNull("unit")) {
                        units.putIfAbsent(e.getKey(), m.get("unit").asText());
                    }
                    if (v.isNumber()) {
                        add(buffers, sizes, e.getKey(), v.asDouble());
                    } else if (v.isArray()) {
                        for (JsonNode x : v) {
                            if (x.isNumber()) {
                                add(buffers, sizes, e.getKey(), x.asDouble());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AggregationException("Cannot read " + file + ": " + e.getMessage());
        }
        buffers.forEach((k, b) -> out.put(k, new Series(units.get(k), Arrays.copyOf(b, sizes.get(k)))));
        return out;
    }

    private static void add(Map<String, double[]> buffers, Map<String, Integer> sizes, String key, double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        double[] b = buffers.computeIfAbsent(key, k -> new double[64]);
        int n = sizes.getOrDefault(key, 0);
        if (n == b.length) {
            b = Arrays.copyOf(b, n * 2);
            buffers.put(key, b);
        }
        b[n] = v;
        sizes.put(key, n + 1);
    }
}
