package dev.aiperf.engine.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.PostProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The recipes' post-processing handlers: pure functions from the sweep aggregate to one JSON file in the sweep
 * aggregate directory. A metric is read as {@code <tag>_<stat>.mean}; a row without the swept parameter or the
 * metric is skipped; no usable row is an error that names the metric.
 */
public final class PostProcessors {

    public static final String DEGRADATION_KNEE = "degradation_knee_detect";
    public static final String TTFT_CURVE_FIT = "ttft_curve_fit";
    public static final String ITL_SURFACE_FIT = "itl_surface_fit";
    public static final String SLA_BREACH_KNEE = "sla_breach_knee";
    public static final String PARETO_SWEEP_EXPORT = "pareto_sweep_export";

    /** The r² below which a linear prefill fit is retried as a quadratic. */
    public static final double R_SQUARED_FLOOR = 0.85;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CONCURRENCY = "phases.profiling.concurrency";

    private PostProcessors() {
    }

    /** The file a handler writes when the recipe names none. */
    public static String defaultFile(String handler) {
        return switch (handler) {
            case DEGRADATION_KNEE -> "degradation_knee.json";
            case TTFT_CURVE_FIT -> "prefill_curve.json";
            case ITL_SURFACE_FIT -> "decode_itl_surface.json";
            case SLA_BREACH_KNEE -> "sla_breach.json";
            case PARETO_SWEEP_EXPORT -> "pareto_sweep.json";
            default -> throw new ConfigException("sweep.post_process.handler", "unknown handler '" + handler
                    + "'; use one of degradation_knee_detect, ttft_curve_fit, itl_surface_fit, sla_breach_knee,"
                    + " pareto_sweep_export");
        };
    }

    /** Runs {@code pp} over {@code aggregate} and writes its file into {@code dir}; returns the file. */
    public static Path write(PostProcess pp, SweepAggregate aggregate, List<SlaRule> filters, Path dir) {
        ObjectNode out = compute(pp, aggregate, filters);
        Path file = dir.resolve(pp.outputFilename() == null ? defaultFile(pp.handler()) : pp.outputFilename());
        try {
            Files.createDirectories(dir);
            Files.writeString(file, JSON.writeValueAsString(out) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The handler's JSON. */
    public static ObjectNode compute(PostProcess pp, SweepAggregate aggregate, List<SlaRule> filters) {
        ObjectNode p = pp.params() == null ? F.objectNode() : pp.params();
        List<SweepAggregate.Combination> rows = aggregate.combinations();
        return switch (pp.handler()) {
            case DEGRADATION_KNEE -> degradationKnee(rows, p.path("param").asText(CONCURRENCY),
                    p.path("metric").asText("request_latency"), p.path("stat").asText("p99"),
                    p.path("threshold").asDouble(0.20));
            case TTFT_CURVE_FIT -> ttftCurve(rows, p.path("param").asText("datasets.main.prompts.isl"),
                    p.path("stat").asText("avg"));
            case ITL_SURFACE_FIT -> itlSurface(rows, p.path("stat").asText("avg"));
            case SLA_BREACH_KNEE -> slaBreach(rows, p.path("param").asText(CONCURRENCY), filters);
            case PARETO_SWEEP_EXPORT -> pareto(rows, p.path("x_metric").asText("time_to_first_token_p95"),
                    p.path("y_metric").asText("output_token_throughput_avg"));
            default -> throw new ConfigException("sweep.post_process.handler", "unknown handler '" + pp.handler()
                    + "'");
        };
    }

    /** Sorted by x; baseline = first point; knee = first later point with y &gt; baseline·(1 + threshold). */
    static ObjectNode degradationKnee(List<SweepAggregate.Combination> rows, String param, String metric, String stat,
                                      double threshold) {
        List<double[]> pts = points(rows, param, metric + "_" + stat, DEGRADATION_KNEE);
        String leaf = DottedPath.leaf(param);
        double[] base = pts.get(0);
        double[] knee = null;
        for (int i = 1; i < pts.size() && knee == null; i++) {
            if (pts.get(i)[1] > base[1] * (1 + threshold)) {
                knee = pts.get(i);
            }
        }
        ObjectNode o = F.objectNode();
        o.put("baseline_" + leaf, base[0]);
        o.put("baseline_" + stat, base[1]);
        if (knee == null) {
            o.putNull("knee_" + leaf);
            o.putNull("knee_" + stat);
        } else {
            o.put("knee_" + leaf, knee[0]);
            o.put("knee_" + stat, knee[1]);
        }
        o.put("threshold_pct", threshold * 100);
        o.put("swept_metric", metric);
        o.put("stat", stat);
        o.put("swept_param", param);
        ArrayNode all = o.putArray("all_points");
        for (double[] p : pts) {
            all.addObject().put(leaf, p[0]).put(stat, p[1]);
        }
        return o;
    }

    /** Least-squares line of TTFT over ISL; a quadratic when the line's r² is below the floor and fits better. */
    static ObjectNode ttftCurve(List<SweepAggregate.Combination> rows, String param, String stat) {
        List<double[]> pts = points(rows, param, "time_to_first_token_" + stat, TTFT_CURVE_FIT);
        double[] lin = Fit.polynomial(pts, 1);
        double r2 = Fit.rSquared(pts, lin);
        double[] coeffs = lin;
        String form = "linear";
        if (r2 < R_SQUARED_FLOOR && pts.size() >= 3) {
            double[] quad = Fit.polynomial(pts, 2);
            double q2 = Fit.rSquared(pts, quad);
            if (q2 > r2) {
                coeffs = quad;
                r2 = q2;
                form = "quadratic";
            }
        }
        ObjectNode o = F.objectNode();
        o.put("fit_form", form);
        ArrayNode c = o.putArray("coefficients");
        for (int i = coeffs.length - 1; i >= 0; i--) {
            c.add(coeffs[i]);
        }
        o.put("r_squared", r2);
        o.put("below_floor", r2 < R_SQUARED_FLOOR);
        o.put("r_squared_floor", R_SQUARED_FLOOR);
        ArrayNode raw = o.putArray("raw_points");
        for (double[] p : pts) {
            raw.addObject().put("isl", p[0]).put("ttft_ms", p[1]);
        }
        return o;
    }

    /** ITL over the grid of sorted unique concurrency × OSL values; a missing cell is null. */
    static ObjectNode itlSurface(List<SweepAggregate.Combination> rows, String stat) {
        String key = "inter_token_latency_" + stat;
        TreeSet<Double> conc = new TreeSet<>();
        TreeSet<Double> osl = new TreeSet<>();
        List<double[]> cells = new ArrayList<>();
        for (SweepAggregate.Combination c : rows) {
            OptionalDouble x = param(c, CONCURRENCY);
            OptionalDouble y = param(c, "datasets.main.prompts.osl");
            OptionalDouble v = c.mean(key);
            if (x.isEmpty() || y.isEmpty() || v.isEmpty()) {
                continue;
            }
            conc.add(x.getAsDouble());
            osl.add(y.getAsDouble());
            cells.add(new double[] {x.getAsDouble(), y.getAsDouble(), v.getAsDouble()});
        }
        if (cells.isEmpty()) {
            throw noRows(ITL_SURFACE_FIT, key);
        }
        ObjectNode o = F.objectNode();
        ArrayNode cv = o.putArray("concurrency_values");
        conc.forEach(cv::add);
        ArrayNode ov = o.putArray("osl_values");
        osl.forEach(ov::add);
        o.put("metric", key);
        ArrayNode grid = o.putArray("itl_ms");
        for (double c : conc) {
            ArrayNode row = grid.addArray();
            for (double l : osl) {
                double[] hit = cells.stream().filter(e -> e[0] == c && e[1] == l).findFirst().orElse(null);
                if (hit == null) {
                    row.addNull();
                } else {
                    row.add(hit[2]);
                }
            }
        }
        return o;
    }

    /** The largest passing and smallest failing value of the swept parameter, rows with the same x merged. */
    static ObjectNode slaBreach(List<SweepAggregate.Combination> rows, String param, List<SlaRule> filters) {
        String leaf = DottedPath.leaf(param);
        Map<Double, List<String>> breaches = new java.util.TreeMap<>();
        for (SweepAggregate.Combination c : rows) {
            OptionalDouble x = param(c, param);
            if (x.isEmpty()) {
                continue;
            }
            List<String> b = breaches.computeIfAbsent(x.getAsDouble(), k -> new ArrayList<>());
            for (SlaRule r : filters) {
                OptionalDouble v = c.mean(r.metric() + "_" + r.stat());
                if (v.isEmpty() || !r.passes(v.getAsDouble())) {
                    if (!b.contains(r.spec())) {
                        b.add(r.spec());
                    }
                }
            }
        }
        if (breaches.isEmpty()) {
            throw noRows(SLA_BREACH_KNEE, param);
        }
        Double maxPass = null;
        Double firstFail = null;
        String firstBreach = null;
        boolean monotonic = true;
        boolean seenFail = false;
        ObjectNode o = F.objectNode();
        ArrayNode all = F.arrayNode();
        for (Map.Entry<Double, List<String>> e : breaches.entrySet()) {
            boolean ok = e.getValue().isEmpty();
            if (ok) {
                maxPass = e.getKey();
                monotonic &= !seenFail;
            } else if (firstFail == null) {
                firstFail = e.getKey();
                firstBreach = e.getValue().get(0);
            }
            seenFail |= !ok;
            ObjectNode p = all.addObject().put(leaf, e.getKey()).put("feasible", ok);
            ArrayNode b = p.putArray("breaches");
            e.getValue().forEach(b::add);
        }
        putNullable(o, "max_passing_" + leaf, maxPass);
        putNullable(o, "first_failing_" + leaf, firstFail);
        if (firstBreach == null) {
            o.putNull("first_failing_breach");
        } else {
            o.put("first_failing_breach", firstBreach);
        }
        o.set("all_points", all);
        o.put("monotonicity_check", monotonic);
        ArrayNode f = o.putArray("filters");
        filters.forEach(r -> f.add(r.spec()));
        return o;
    }

    /** Cells with x (lower is better) and y (higher is better); optimal iff no other cell dominates it. */
    static ObjectNode pareto(List<SweepAggregate.Combination> rows, String xKey, String yKey) {
        List<double[]> cells = new ArrayList<>();
        List<double[]> shapes = new ArrayList<>();
        for (SweepAggregate.Combination c : rows) {
            OptionalDouble isl = value(c, "isl");
            OptionalDouble osl = value(c, "osl");
            OptionalDouble conc = value(c, "concurrency");
            if (isl.isEmpty() || osl.isEmpty() || conc.isEmpty()) {
                continue;
            }
            shapes.add(new double[] {isl.getAsDouble(), osl.getAsDouble(), conc.getAsDouble()});
            cells.add(new double[] {c.mean(xKey).orElse(Double.NaN), c.mean(yKey).orElse(Double.NaN)});
        }
        if (cells.isEmpty()) {
            throw noRows(PARETO_SWEEP_EXPORT, "isl/osl/concurrency");
        }
        ObjectNode o = F.objectNode();
        o.put("x_metric", xKey);
        o.put("y_metric", yKey);
        ArrayNode out = o.putArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            double[] a = cells.get(i);
            boolean finite = Double.isFinite(a[0]) && Double.isFinite(a[1]);
            boolean optimal = finite;
            for (int j = 0; j < cells.size() && optimal; j++) {
                double[] b = cells.get(j);
                if (j != i && Double.isFinite(b[0]) && Double.isFinite(b[1]) && b[0] <= a[0] && b[1] >= a[1]
                        && (b[0] < a[0] || b[1] > a[1])) {
                    optimal = false;
                }
            }
            ObjectNode cell = out.addObject();
            cell.put("isl", (long) shapes.get(i)[0]).put("osl", (long) shapes.get(i)[1])
                    .put("concurrency", (long) shapes.get(i)[2]);
            putNullable(cell, "x", finite ? a[0] : null);
            putNullable(cell, "y", finite ? a[1] : null);
            cell.put("pareto_optimal", optimal);
        }
        return o;
    }

    private static List<double[]> points(List<SweepAggregate.Combination> rows, String param, String key,
                                         String handler) {
        List<double[]> pts = new ArrayList<>();
        for (SweepAggregate.Combination c : rows) {
            OptionalDouble x = param(c, param);
            OptionalDouble y = c.mean(key);
            if (x.isPresent() && y.isPresent()) {
                pts.add(new double[] {x.getAsDouble(), y.getAsDouble()});
            }
        }
        if (pts.isEmpty()) {
            throw noRows(handler, key + " over " + param);
        }
        pts.sort(Comparator.comparingDouble(p -> p[0]));
        return pts;
    }

    /** The value of a swept path: the canonical path in variation values, else its leaf among the parameters. */
    private static OptionalDouble param(SweepAggregate.Combination c, String path) {
        Object v = c.variationValues() == null ? null : c.variationValues().get(path);
        if (v == null && c.parameters() != null) {
            v = c.parameters().get(path);
            if (v == null) {
                v = c.parameters().get(DottedPath.leaf(path));
            }
        }
        return v instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    private static OptionalDouble value(SweepAggregate.Combination c, String name) {
        for (Map<String, Object> m : java.util.Arrays.asList(c.variationValues(), c.parameters())) {
            if (m != null && m.get(name) instanceof Number n) {
                return OptionalDouble.of(n.doubleValue());
            }
        }
        return OptionalDouble.empty();
    }

    private static void putNullable(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static ConfigException noRows(String handler, String what) {
        return new ConfigException("post_process." + handler, "no sweep cell has a usable " + what
                + "; check that the runs succeeded and measured it");
    }

    /** Read a handler's file back (tests and tools). */
    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
