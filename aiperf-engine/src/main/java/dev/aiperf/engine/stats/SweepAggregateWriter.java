package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.BestConfiguration;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.SweepAggregate.Combination;
import dev.aiperf.engine.stats.SweepAggregate.SweepFailure;
import dev.aiperf.engine.stats.SweepAggregate.SweepParameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes {@code profile_export_aiperf_sweep.json} and {@code .csv}. The CSV has four sections separated by
 * blank lines: per-combination means/std/min/max/cv, best configurations, Pareto-optimal points and metadata.
 */
public final class SweepAggregateWriter {
    public static final String JSON_FILE = "profile_export_aiperf_sweep.json";
    public static final String CSV_FILE = "profile_export_aiperf_sweep.csv";

    private SweepAggregateWriter() {
    }

    /** Writes both files into {@code dir} and returns their paths (JSON first). */
    public static List<Path> write(Path dir, SweepAggregate aggregate) {
        Path json = dir.resolve(JSON_FILE);
        Path csv = dir.resolve(CSV_FILE);
        AggregateJson.write(json, json(aggregate));
        AggregateJson.write(csv, csv(aggregate));
        return List.of(json, csv);
    }

    public static String json(SweepAggregate a) {
        ObjectNode root = AggregateJson.object();
        root.put("aggregation_type", "sweep");
        root.put("num_profile_runs", a.numProfileRuns());
        root.put("num_successful_runs", a.numSuccessfulRuns());
        root.set("failed_runs", failures(a.failedRuns()));
        if (!a.cancelledRuns().isEmpty()) {
            root.set("cancelled_runs", failures(a.cancelledRuns()));
        }
        ObjectNode md = root.putObject("metadata");
        ArrayNode params = md.putArray("sweep_parameters");
        for (SweepParameter p : a.sweepParameters()) {
            ObjectNode o = params.addObject();
            o.put("name", p.name());
            AggregateJson.value(o, "values", p.values());
        }
        md.put("num_combinations", a.numCombinations());
        md.put("aggregation_type", "sweep");
        AggregateJson.value(md, "sweep_mode", a.sweepMode());
        AggregateJson.number(md, "confidence_level", a.confidenceLevel());
        md.put("num_trials_per_value", a.numTrialsPerValue());
        AggregateJson.value(md, "pareto_axes", a.paretoAxes());
        if (a.sla() != null) {
            ObjectNode sla = md.putObject("sla_constraints");
            ArrayNode filters = sla.putArray("active_filters");
            for (SlaRule r : a.sla().activeFilters()) {
                ObjectNode f = filters.addObject();
                f.put("metric_tag", r.metric());
                f.put("stat", r.stat());
                f.put("op", r.op().word());
                AggregateJson.number(f, "threshold", r.threshold());
            }
            sla.put("feasible_count", a.sla().feasibleCount());
            sla.put("infeasible_count", a.sla().infeasibleCount());
        }
        ArrayNode combos = root.putArray("per_combination_metrics");
        for (Combination c : a.combinations()) {
            ObjectNode o = combos.addObject();
            AggregateJson.value(o, "parameters", c.parameters());
            ObjectNode metrics = o.putObject("metrics");
            c.metrics().forEach((k, block) -> AggregateJson.value(metrics, k, block));
            if (c.feasible() != null) {
                o.put("sla_feasible", c.feasible());
            }
        }
        ObjectNode best = root.putObject("best_configurations");
        a.best().forEach((name, b) -> {
            ObjectNode o = best.putObject(name);
            AggregateJson.value(o, "parameters", b.parameters());
            AggregateJson.number(o, "metric", b.metric());
            AggregateJson.value(o, "unit", b.unit());
        });
        AggregateJson.value(root, "pareto_optimal", a.paretoOptimal());
        if (a.searchFrontier() != null) {
            root.set("search_frontier", searchFrontier(a.searchFrontier()));
        }
        return AggregateJson.pretty(root);
    }

    private static ObjectNode searchFrontier(SearchFrontier f) {
        ObjectNode o = AggregateJson.object();
        ArrayNode objectives = o.putArray("objectives");
        for (SearchFrontier.Objective obj : f.objectives()) {
            ObjectNode n = objectives.addObject();
            n.put("metric", obj.metric());
            n.put("stat", obj.stat());
            n.put("direction", obj.direction());
        }
        ArrayNode points = o.putArray("points");
        for (SearchFrontier.Point p : f.points()) {
            ObjectNode n = points.addObject();
            AggregateJson.value(n, "parameters", p.parameters());
            n.put("iteration", p.iteration());
            AggregateJson.value(n, "objective_values", p.objectiveValues());
            n.put("feasible", p.feasible());
        }
        return o;
    }

    private static ArrayNode failures(List<SweepFailure> list) {
        ArrayNode arr = AggregateJson.MAPPER.createArrayNode();
        for (SweepFailure f : list) {
            ObjectNode o = arr.addObject();
            AggregateJson.value(o, "label", f.label());
            AggregateJson.value(o, "variation_label", f.variationLabel());
            AggregateJson.value(o, "parameters", f.parameters());
            AggregateJson.value(o, "error", f.error());
        }
        return arr;
    }

    public static String csv(SweepAggregate a) {
        List<String> names = a.sweepParameters().stream().map(SweepParameter::name).toList();
        if (names.isEmpty() && !a.combinations().isEmpty()) {
            names = new ArrayList<>(a.combinations().get(0).parameters().keySet());
        }
        StringBuilder sb = new StringBuilder();

        List<String> keys = new ArrayList<>();
        if (!a.combinations().isEmpty()) {
            for (String k : new TreeSet<>(a.combinations().get(0).metrics().keySet())) {
                if (a.combinations().get(0).metrics().get(k).containsKey("mean")) {
                    keys.add(k);
                }
            }
        }
        List<String> header = new ArrayList<>(names);
        for (String k : keys) {
            for (String f : List.of("mean", "std", "min", "max", "cv")) {
                header.add(k + "_" + f);
            }
        }
        sb.append(CsvText.row(header));
        for (Combination c : a.combinations()) {
            List<String> row = new ArrayList<>();
            names.forEach(n -> row.add(CsvText.plain(c.parameters().get(n))));
            for (String k : keys) {
                for (String f : List.of("mean", "std", "min", "max", "cv")) {
                    Object v = c.metrics().containsKey(k) ? c.metrics().get(k).get(f) : null;
                    row.add(v instanceof Number n ? CsvText.fixed(n.doubleValue(), f.equals("cv") ? 4 : 2) : "");
                }
            }
            sb.append(CsvText.row(row));
        }

        sb.append('\n').append(CsvText.row(List.of("Best Configurations")));
        List<String> bestHeader = new ArrayList<>(List.of("Configuration"));
        names.forEach(n -> bestHeader.add(CsvText.titleCase(n)));
        bestHeader.add("Metric");
        bestHeader.add("Unit");
        sb.append(CsvText.row(bestHeader));
        for (Map.Entry<String, BestConfiguration> e : a.best().entrySet()) {
            List<String> row = new ArrayList<>(List.of(CsvText.titleCase(e.getKey())));
            names.forEach(n -> row.add(CsvText.plain(e.getValue().parameters().get(n))));
            row.add(CsvText.fixed(e.getValue().metric(), 2));
            row.add(e.getValue().unit() == null ? "" : e.getValue().unit());
            sb.append(CsvText.row(row));
        }

        sb.append('\n').append(CsvText.row(List.of("Pareto Optimal Points")));
        if (a.paretoOptimal().isEmpty()) {
            sb.append(CsvText.row(List.of("None")));
        } else {
            sb.append(CsvText.row(names.stream().map(CsvText::titleCase).toList()));
            for (Map<String, Object> p : a.paretoOptimal()) {
                sb.append(CsvText.row(names.stream().map(n -> CsvText.plain(p.get(n))).toList()));
            }
        }

        sb.append('\n').append(CsvText.row(List.of("Metadata")));
        sb.append(CsvText.row(List.of("Field", "Value")));
        sb.append(CsvText.row(List.of("Aggregation Type", "sweep")));
        sb.append(CsvText.row(List.of("Sweep Parameters", String.join(", ", names))));
        sb.append(CsvText.row(List.of("Number of Combinations", Long.toString(a.numCombinations()))));
        sb.append(CsvText.row(List.of("Number of Profile Runs", Integer.toString(a.numProfileRuns()))));
        sb.append(CsvText.row(List.of("Number of Successful Runs", Integer.toString(a.numSuccessfulRuns()))));
        return sb.toString();
    }
}
