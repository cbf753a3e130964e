package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.metrics.Stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code profile_export_aiperf_collated.json} for cells that used convergence: per-request values of
 * every successful run pooled into one distribution ({@code combined}), next to each run's own
 * ({@code per_run}). Percentiles interpolate linearly; {@code std} is the population std, as per-run stats.
 */
public final class CollatedExportWriter {
    public static final String FILE = "profile_export_aiperf_collated.json";
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99};

    private CollatedExportWriter() {
    }

    /** Writes the file into {@code dir} and returns its path. */
    public static Path write(Path dir, List<RunSummary> runs) {
        Path file = dir.resolve(FILE);
        AggregateJson.write(file, json(runs));
        return file;
    }

    public static String json(List<RunSummary> runs) {
        List<RunSummary> ok = runs.stream().filter(RunSummary::succeeded).toList();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, List<double[]>> pooled = new TreeMap<>();
        ArrayNode perRun = AggregateJson.MAPPER.createArrayNode();
        for (RunSummary r : ok) {
            ObjectNode entry = perRun.addObject();
            entry.put("label", r.label());
            ObjectNode metrics = entry.putObject("metrics");
            RequestValues.all(r.directory()).forEach((tag, series) -> {
                units.putIfAbsent(tag, series.unit());
                pooled.computeIfAbsent(tag, k -> new ArrayList<>()).add(series.values());
                metrics.set(tag, distribution(series.values(), series.unit()));
            });
        }
        ObjectNode root = AggregateJson.object();
        root.put("schema_version", CellAggregateWriter.SCHEMA_VERSION);
        root.put("aiperf_version", CellAggregateWriter.AIPERF_VERSION);
        root.put("aggregation_type", "collated");
        root.put("num_runs", ok.size());
        AggregateJson.value(root, "run_labels", ok.stream().map(RunSummary::label).toList());
        ObjectNode combined = root.putObject("combined");
        pooled.forEach((tag, parts) -> {
            double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
            combined.set(tag, distribution(all, units.get(tag)));
        });
        root.set("per_run", perRun);
        return AggregateJson.pretty(root);
    }

    private static ObjectNode distribution(double[] values, String unit) {
        double[] s = values.clone();
        Arrays.sort(s);
        ObjectNode o = AggregateJson.object();
        AggregateJson.value(o, "unit", unit);
        o.put("count", s.length);
        double mean = Arrays.stream(s).average().orElse(Double.NaN);
        AggregateJson.number(o, "avg", mean);
        AggregateJson.number(o, "min", s.length == 0 ? Double.NaN : s[0]);
        AggregateJson.number(o, "max", s.length == 0 ? Double.NaN : s[s.length - 1]);
        double ss = 0;
        for (double x : s) {
            ss += (x - mean) * (x - mean);
        }
        AggregateJson.number(o, "std", s.length == 0 ? Double.NaN : Math.sqrt(ss / s.length));
        for (double p : PERCENTILES) {
            AggregateJson.number(o, "p" + (int) p, Stats.percentile(s, p));
        }
        return o;
    }
}
