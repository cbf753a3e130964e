package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.api.model.Convergence;
import dev.aiperf.engine.api.model.FailedRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link CellAggregate} as {@code profile_export_aiperf_aggregate.json} and {@code .csv}, AIPerf's
 * shapes: nulls dropped, NaN/Inf as null in JSON; CSV {@code metric,mean,std,min,max,cv,se,ci_low,ci_high,
 * t_critical,unit} with cv, se and t at 4 decimals and the rest at 2, then a blank line and the metadata.
 */
public final class CellAggregateWriter {
    public static final String JSON_FILE = "profile_export_aiperf_aggregate.json";
    public static final String CSV_FILE = "profile_export_aiperf_aggregate.csv";
    public static final String SCHEMA_VERSION = "1.0";
    /** The version written into {@code aiperf_version}. */
    public static final String AIPERF_VERSION = "aiperf-java 0.1.0-SNAPSHOT";

    private CellAggregateWriter() {
    }

    /** Writes both files into {@code dir} and returns their paths (JSON first). */
    public static List<Path> write(Path dir, CellAggregate aggregate, CellMetadata metadata) {
        Path json = dir.resolve(JSON_FILE);
        Path csv = dir.resolve(CSV_FILE);
        AggregateJson.write(json, json(aggregate, metadata));
        AggregateJson.write(csv, csv(aggregate, metadata));
        return List.of(json, csv);
    }

    public static String json(CellAggregate a, CellMetadata m) {
        ObjectNode root = AggregateJson.object();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("aiperf_version", AIPERF_VERSION);
        root.set("metadata", metadata(a, m));
        ObjectNode metrics = root.putObject("metrics");
        a.metrics().forEach((k, s) -> metrics.set(k, AggregateJson.stats(s, true)));
        return AggregateJson.pretty(root);
    }

    static ObjectNode metadata(CellAggregate a, CellMetadata m) {
        ObjectNode md = AggregateJson.object();
        md.put("aggregation_type", "confidence");
        md.put("num_profile_runs", a.numProfileRuns());
        md.put("num_successful_runs", a.numSuccessfulRuns());
        ArrayNode failed = md.putArray("failed_runs");
        for (FailedRun f : a.failedRuns()) {
            ObjectNode o = failed.addObject();
            AggregateJson.value(o, "label", f.label());
            AggregateJson.value(o, "error", f.error());
        }
        if (!a.cancelledRuns().isEmpty()) {
            AggregateJson.value(md, "cancelled_runs", a.cancelledRuns());
        }
        AggregateJson.number(md, "confidence_level", a.confidenceLevel());
        AggregateJson.value(md, "run_labels", a.runLabels());
        if (a.singleRun()) {
            md.put("single_run", true);
        }
        AggregateJson.value(md, "cooldown_seconds", m.cooldownSeconds());
        AggregateJson.value(md, "variation_label", m.variationLabel());
        AggregateJson.value(md, "variation_values", m.variationValues());
        AggregateJson.value(md, "sweep_mode", m.sweepMode());
        AggregateJson.value(md, "model", m.model());
        Convergence c = a.convergence();
        if (c != null) {
            ObjectNode cn = md.putObject("convergence");
            cn.put("metric", c.metric());
            cn.put("stat", c.stat());
            cn.put("mode", c.mode());
            AggregateJson.number(cn, "threshold", c.threshold());
            cn.put("min_runs", c.minRuns());
            cn.put("num_runs", c.runsPlanned());
            cn.put("runs_completed", c.runsCompleted());
            cn.put("converged", c.converged());
            cn.put("convergence_reason", c.reason());
            AggregateJson.number(cn, "value", c.value());
            AggregateJson.value(cn, "detail", c.detail());
        }
        return md;
    }

    public static String csv(CellAggregate a, CellMetadata m) {
        StringBuilder sb = new StringBuilder();
        sb.append(CsvText.row(List.of("metric", "mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high",
                "t_critical", "unit")));
        for (Map.Entry<String, ConfidenceStats> e : a.metrics().entrySet()) {
            ConfidenceStats s = e.getValue();
            sb.append(CsvText.row(List.of(e.getKey(), CsvText.fixed(s.mean(), 2), CsvText.fixed(s.std(), 2),
                    CsvText.fixed(s.min(), 2), CsvText.fixed(s.max(), 2), CsvText.fixed(s.cv(), 4),
                    CsvText.fixed(s.se(), 4), CsvText.fixed(s.ciLow(), 2), CsvText.fixed(s.ciHigh(), 2),
                    CsvText.fixed(s.tCritical(), 4), s.unit() == null ? "" : s.unit())));
        }
        sb.append('\n');
        ObjectNode md = metadata(a, m);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Aggregation Type", md.get("aggregation_type").asText()));
        rows.add(List.of("Total Runs", md.get("num_profile_runs").asText()));
        rows.add(List.of("Successful Runs", md.get("num_successful_runs").asText()));
        md.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (!k.equals("aggregation_type") && !k.equals("num_profile_runs") && !k.equals("num_successful_runs")) {
                rows.add(List.of(CsvText.titleCase(k),
                        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            }
        });
        rows.forEach(r -> sb.append(CsvText.row(r)));
        return sb.toString();
    }
}
