package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.BestConfiguration;
import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.StatKeys;
import dev.aiperf.engine.plan.RunStatus;
import dev.aiperf.engine.stats.SweepAggregate.Combination;
import dev.aiperf.engine.stats.SweepAggregate.SlaSummary;
import dev.aiperf.engine.stats.SweepAggregate.SweepFailure;
import dev.aiperf.engine.stats.SweepAggregate.SweepParameter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Aggregates the cells of a sweep into a {@link SweepAggregate}: per-cell statistics (point estimates for a
 * single trial, Student-t blocks for several), the best configurations, the Pareto set on (throughput up,
 * latency down) and SLA feasibility. Works on in-memory cells (the orchestrator) or on grouped runs read
 * from disk ({@link Aggregates}).
 */
public final class SweepAggregator {
    public static final String THROUGHPUT_KEY = "request_throughput_avg";
    public static final String TTFT_P99_KEY = "time_to_first_token_p99";
    public static final String LATENCY_P99_KEY = "request_latency_p99";

    private final SweepOptions options;
    private final ConfidenceAggregator confidence;

    public SweepAggregator(SweepOptions options) {
        this.options = options;
        this.confidence = new ConfidenceAggregator(options.confidenceLevel());
    }

    /**
     * Groups runs into cells by (variation label, sorted variation values), keeping first-seen order; runs
     * with no variation information form one cell labelled {@code null}.
     */
    public static List<SweepCell> group(List<RunSummary> runs) {
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            groups.computeIfAbsent(groupKey(r), k -> new ArrayList<>()).add(r);
        }
        List<SweepCell> cells = new ArrayList<>();
        for (List<RunSummary> g : groups.values()) {
            RunSummary first = g.get(0);
            cells.add(new SweepCell(first.variationLabel(), first.variationValues(), null, g));
        }
        return cells;
    }

    static String groupKey(RunSummary r) {
        return JsonValues.canonical(r.variationLabel()) + "|" + JsonValues.canonical(r.variationValues());
    }

    public SweepAggregate aggregate(List<SweepCell> cells) {
        Map<String, String> names = parameterNames(cells);
        List<Combination> combinations = new ArrayList<>();
        List<SweepFailure> failed = new ArrayList<>();
        List<SweepFailure> cancelled = new ArrayList<>();
        int profileRuns = 0;
        int successful = 0;
        int trialsPerValue = 0;
        for (SweepCell cell : cells) {
            Map<String, Object> params = parameters(cell, names);
            List<RunSummary> ok = new ArrayList<>();
            for (RunSummary r : cell.runs()) {
                switch (r.status()) {
                    case OK -> ok.add(r);
                    case FAILED -> failed.add(new SweepFailure(r.label(), cell.label(), params, r.error()));
                    case CANCELLED -> cancelled.add(new SweepFailure(r.label(), cell.label(), params, r.error()));
                }
            }
            int finished = cell.runs().size() - (int) cell.runs().stream()
                    .filter(r -> r.status() == RunStatus.Status.CANCELLED).count();
            profileRuns += finished;
            successful += ok.size();
            trialsPerValue = Math.max(trialsPerValue, finished);
            if (ok.isEmpty()) {
                continue;
            }
            Map<String, Map<String, Object>> metrics = ok.size() == 1 ? singleTrial(ok.get(0)) : multiTrial(ok);
            Boolean feasible = options.slaFilters().isEmpty() ? null : feasible(metrics, options.slaFilters());
            combinations.add(new Combination(cell.label(), params, cell.values(), cell.dirName(), finished,
                    ok.size(), metrics, feasible));
        }

        List<Combination> feasibleCells = options.slaFilters().isEmpty() ? combinations
                : combinations.stream().filter(c -> Boolean.TRUE.equals(c.feasible())).toList();
        List<Combination> bestPool = feasibleCells.isEmpty() ? combinations : feasibleCells;
        String latencyKey = inEvery(combinations, TTFT_P99_KEY) ? TTFT_P99_KEY
                : inEvery(combinations, LATENCY_P99_KEY) ? LATENCY_P99_KEY : null;
        String bestLatencyKey = inEvery(bestPool, TTFT_P99_KEY) ? TTFT_P99_KEY
                : inEvery(bestPool, LATENCY_P99_KEY) ? LATENCY_P99_KEY : null;
        Map<String, BestConfiguration> best = new LinkedHashMap<>();
        if (!bestPool.isEmpty() && inEvery(bestPool, THROUGHPUT_KEY)) {
            best.put("best_throughput", pick(bestPool, THROUGHPUT_KEY, true));
        }
        if (!bestPool.isEmpty() && bestLatencyKey != null) {
            best.put("best_latency_p99", pick(bestPool, bestLatencyKey, false));
        }
        List<Map<String, Object>> pareto = pareto(feasibleCells);
        SlaSummary sla = options.slaFilters().isEmpty() ? null : new SlaSummary(options.slaFilters(),
                feasibleCells.size(), combinations.size() - feasibleCells.size());

        List<SweepParameter> sweepParameters = sweepParameters(cells, names);
        long numCombinations = 1;
        for (SweepParameter p : sweepParameters) {
            numCombinations *= p.values().size();
        }
        if (sweepParameters.isEmpty()) {
            numCombinations = cells.size();
        }
        return new SweepAggregate(combinations, failed, cancelled, profileRuns, successful, sweepParameters,
                numCombinations, options.sweepMode(), options.confidenceLevel(), trialsPerValue,
                options.paretoAxes(), sla, best, pareto, latencyKey);
    }

    /** One trial: nested tag blocks with the run's stats as point estimates, plus flattened per-stat blocks. */
    private static Map<String, Map<String, Object>> singleTrial(RunSummary run) {
        Map<String, Map<String, Object>> flat = new LinkedHashMap<>();
        Map<String, Map<String, Object>> nested = new LinkedHashMap<>();
        for (String tag : new TreeSet<>(run.metrics().keySet())) {
            MetricBlock block = run.metrics().get(tag);
            for (String stat : StatKeys.ALL) {
                if (!block.stats().containsKey(stat)) {
                    continue;
                }
                double v = block.stats().get(stat);
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("mean", v);
                b.put("std", 0.0);
                b.put("min", v);
                b.put("max", v);
                b.put("cv", 0.0);
                b.put("ci_low", v);
                b.put("ci_high", v);
                b.put("unit", block.unit());
                b.values().removeIf(Objects::isNull);
                flat.put(tag + "_" + stat, b);
            }
            Map<String, Object> n = new LinkedHashMap<>();
            Double avg = block.stats().get("avg");
            n.put("mean", avg);
            n.put("avg", avg);
            n.put("std", 0.0);
            n.put("min", block.stats().get("min"));
            n.put("max", block.stats().get("max"));
            n.put("cv", 0.0);
            n.put("ci_low", avg);
            n.put("ci_high", avg);
            for (String stat : StatKeys.ALL) {
                if (stat.startsWith("p") && block.stats().containsKey(stat)) {
                    n.put(stat, block.stats().get(stat));
                }
            }
            n.put("count", block.stats().get("count"));
            n.put("sum", block.stats().get("sum"));
            n.put("unit", block.unit());
            n.values().removeIf(Objects::isNull);
            nested.put(tag, n);
        }
        flat.putAll(nested);
        return flat;
    }

    /** Several trials: flattened Student-t blocks (with se and t_critical) plus nested {stat: mean, unit}. */
    private Map<String, Map<String, Object>> multiTrial(List<RunSummary> ok) {
        Map<String, ConfidenceStats> stats = confidence.metricStats(ok);
        Map<String, Map<String, Object>> flat = new LinkedHashMap<>();
        Map<String, Map<String, Object>> nested = new LinkedHashMap<>();
        Set<String> tags = new TreeSet<>();
        ok.forEach(r -> tags.addAll(r.metrics().keySet()));
        for (String tag : tags) {
            Map<String, Object> n = new LinkedHashMap<>();
            String unit = null;
            for (String stat : StatKeys.ALL) {
                ConfidenceStats s = stats.get(tag + "_" + stat);
                if (s == null) {
                    continue;
                }
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("mean", s.mean());
                b.put("std", s.std());
                b.put("min", s.min());
                b.put("max", s.max());
                b.put("cv", s.cv());
                b.put("se", s.se());
                b.put("ci_low", s.ciLow());
                b.put("ci_high", s.ciHigh());
                b.put("t_critical", s.tCritical());
                b.put("unit", s.unit());
                b.values().removeIf(Objects::isNull);
                flat.put(tag + "_" + stat, b);
                n.put(stat, s.mean());
                unit = unit == null ? s.unit() : unit;
            }
            if (!n.isEmpty()) {
                n.put("unit", unit);
                n.values().removeIf(Objects::isNull);
                nested.put(tag, n);
            }
        }
        flat.putAll(nested);
        return flat;
    }

    /** AIPerf's lookup order for an SLA value: {@code <tag>_<stat>.mean} → {@code <tag>[stat]} → {@code <tag>.mean}. */
    public static OptionalDouble slaValue(Combination c, String tag, String stat) {
        OptionalDouble v = c.mean(tag + "_" + stat);
        if (v.isPresent()) {
            return v;
        }
        v = c.field(tag, stat);
        return v.isPresent() ? v : c.mean(tag);
    }

    private static boolean feasible(Map<String, Map<String, Object>> metrics, List<SlaRule> rules) {
        Combination probe = new Combination(null, Map.of(), Map.of(), null, 0, 0, metrics, null);
        for (SlaRule rule : rules) {
            OptionalDouble v = slaValue(probe, rule.metric(), rule.stat());
            if (v.isEmpty() || !rule.passes(v.getAsDouble())) {
                return false;
            }
        }
        return true;
    }

    private static boolean inEvery(List<Combination> cells, String key) {
        return !cells.isEmpty() && cells.stream().allMatch(c -> c.mean(key).isPresent());
    }

    /** Argmax or argmin of {@code key}.mean; ties go to the first cell. */
    private static BestConfiguration pick(List<Combination> cells, String key, boolean maximize) {
        Combination best = cells.get(0);
        double bestV = best.mean(key).getAsDouble();
        for (Combination c : cells.subList(1, cells.size())) {
            double v = c.mean(key).getAsDouble();
            if (maximize ? v > bestV : v < bestV) {
                best = c;
                bestV = v;
            }
        }
        return new BestConfiguration(best.parameters(), key, bestV, best.unit(key));
    }

    private static List<Map<String, Object>> pareto(List<Combination> cells) {
        String latencyKey = inEvery(cells, TTFT_P99_KEY) ? TTFT_P99_KEY : LATENCY_P99_KEY;
        if (!inEvery(cells, THROUGHPUT_KEY) || !inEvery(cells, latencyKey)) {
            return List.of();
        }
        double[] x = cells.stream().mapToDouble(c -> c.mean(THROUGHPUT_KEY).getAsDouble()).toArray();
        double[] y = cells.stream().mapToDouble(c -> c.mean(latencyKey).getAsDouble()).toArray();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i : ParetoFront.maxXMinY(x, y)) {
            out.add(cells.get(i).parameters());
        }
        out.sort(JsonValues::compareParameters);
        return out;
    }

    /** Display name per canonical path: the leaf, or the full path when two paths share a leaf. */
    private static Map<String, String> parameterNames(List<SweepCell> cells) {
        Set<String> paths = new LinkedHashSet<>();
        cells.forEach(c -> paths.addAll(c.values().keySet()));
        Map<String, Integer> leafCount = new HashMap<>();
        paths.forEach(p -> leafCount.merge(leaf(p), 1, Integer::sum));
        Map<String, String> names = new LinkedHashMap<>();
        paths.forEach(p -> names.put(p, leafCount.get(leaf(p)) > 1 ? p : leaf(p)));
        return names;
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The cell's parameter dict; a cell without values (a scenario keyed only by name) is {variation: label}. */
    private static Map<String, Object> parameters(SweepCell cell, Map<String, String> names) {
        Map<String, Object> params = new LinkedHashMap<>();
        cell.values().forEach((path, v) -> params.put(names.get(path), v));
        if (params.isEmpty() && cell.label() != null) {
            params.put("variation", cell.label());
        }
        return params;
    }

    private static List<SweepParameter> sweepParameters(List<SweepCell> cells, Map<String, String> names) {
        List<SweepParameter> out = new ArrayList<>();
        names.forEach((path, name) -> {
            Map<String, Object> distinct = new LinkedHashMap<>();
            for (SweepCell c : cells) {
                if (c.values().containsKey(path)) {
                    Object v = c.values().get(path);
                    distinct.putIfAbsent(JsonValues.canonical(v), v);
                }
            }
            List<Object> values = new ArrayList<>(distinct.values());
            values.sort(JsonValues.ORDER);
            out.add(new SweepParameter(name, path, values));
        });
        return out;
    }
}
