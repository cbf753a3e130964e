package dev.aiperf.engine.recipe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SearchOptions;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.MonotonicSlaPlanner;

import java.util.ArrayList;
import java.util.List;

/**
 * AIPerf's eight search recipes (reference §6). Each turns its flags into exactly one sweep tree (adaptive_search,
 * grid or scenarios, as YAML would spell it, so {@code SweepParser} validates it like any other) carrying its
 * {@code sla_filters}, {@code post_process} and {@code recipe_name}; some also set the benchmark's {@code slos}.
 */
public final class SearchRecipes {

    /** Every recipe name, in the reference's order. */
    public static final List<String> NAMES = List.of("max-throughput-ttft-sla", "max-throughput-itl-sla",
            "max-concurrency-under-sla", "max-goodput-under-slo", "concurrency-ramp", "prefill-ttft-curve",
            "decode-itl-curve", "pareto-sweep");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String CONCURRENCY = "phases.profiling.concurrency";

    /**
     * What a recipe produces.
     *
     * @param sweep             the {@code sweep:} tree
     * @param slos              {@code benchmark.slos} to set, or {@code null}
     * @param requiresStreaming why the recipe needs streaming, or {@code null} when it does not
     */
    public record Output(ObjectNode sweep, ObjectNode slos, String requiresStreaming) {
    }

    /**
     * The recipe's inputs.
     *
     * @param concurrencies the {@code --concurrency} list (pareto-sweep), or empty for the default
     * @param benchmark     the base {@code benchmark:} body (pareto-sweep spells its overrides to match it)
     */
    public record Context(SearchOptions flags, List<Long> concurrencies, ObjectNode benchmark) {
    }

    private SearchRecipes() {
    }

    /** Builds recipe {@code name}. */
    public static Output build(String name, Context ctx) {
        SearchOptions o = ctx.flags();
        return switch (name) {
            case "max-throughput-ttft-sla" -> {
                double ttft = required(name, o.ttftSlaMs(), "--ttft-sla-ms");
                yield new Output(bo(name, range(name, o), List.of(rule("time_to_first_token", "p95", "lt", ttft)),
                        "output_token_throughput"), null, "TTFT is measured on the first streamed token");
            }
            case "max-throughput-itl-sla" -> {
                double itl = required(name, itl(name, o), "--itl-sla-ms (or --tpot-sla-ms)");
                yield new Output(bo(name, range(name, o), List.of(rule("inter_token_latency", "p95", "lt", itl)),
                        "output_token_throughput"), null, "inter-token latency is measured between streamed tokens");
            }
            case "max-concurrency-under-sla" -> maxConcurrency(name, o);
            case "max-goodput-under-slo" -> goodput(name, o);
            case "concurrency-ramp" -> {
                double[] r = range(name, o);
                ObjectNode sweep = grid(name, CONCURRENCY, LogGrid.of(r[0], r[1], 8));
                ObjectNode params = F.objectNode();
                params.put("threshold", o.degradationThreshold() == null ? 0.20 : o.degradationThreshold());
                params.put("metric", o.degradationMetric() == null ? "request_latency" : o.degradationMetric());
                params.put("stat", o.degradationStat() == null ? "p99" : o.degradationStat());
                params.put("param", CONCURRENCY);
                postProcess(sweep, PostProcessors.DEGRADATION_KNEE, params);
                yield new Output(sweep, null, null);
            }
            case "prefill-ttft-curve" -> {
                ObjectNode sweep = grid(name, "datasets.main.prompts.isl", LogGrid.of(256, 32768, 8));
                ((ObjectNode) sweep.get("parameters")).putArray(CONCURRENCY).add(1);
                postProcess(sweep, PostProcessors.TTFT_CURVE_FIT, F.objectNode());
                yield new Output(sweep, null, "TTFT is measured on the first streamed token");
            }
            case "decode-itl-curve" -> {
                ObjectNode sweep = grid(name, CONCURRENCY, LogGrid.of(1, 200, 6));
                ArrayNode osl = ((ObjectNode) sweep.get("parameters")).putArray("datasets.main.prompts.osl");
                LogGrid.of(64, 1024, 4).forEach(osl::add);
                postProcess(sweep, PostProcessors.ITL_SURFACE_FIT, F.objectNode());
                yield new Output(sweep, null, "inter-token latency is measured between streamed tokens");
            }
            case "pareto-sweep" -> pareto(name, ctx);
            default -> throw new ConfigException("--search-recipe", "unknown recipe '" + name + "'; choose one of "
                    + NAMES);
        };
    }

    private static Output maxConcurrency(String name, SearchOptions o) {
        List<ObjectNode> filters = new ArrayList<>();
        String streaming = null;
        if (o.ttftSlaMs() != null) {
            filters.add(rule("time_to_first_token", "p95", "lt", o.ttftSlaMs()));
            streaming = "--ttft-sla-ms needs TTFT, measured on the first streamed token";
        }
        Double itl = itl(name, o);
        if (itl != null) {
            filters.add(rule("inter_token_latency", "p95", "lt", itl));
            streaming = "--itl-sla-ms needs inter-token latency, measured between streamed tokens";
        }
        if (o.e2eSlaMs() != null) {
            filters.add(rule("request_latency", "p99", "lt", o.e2eSlaMs()));
        }
        if (o.errorRateSla() != null) {
            if (!(o.errorRateSla() >= 0 && o.errorRateSla() <= 1)) {
                throw new ConfigException("--error-rate-sla", "must be a fraction in [0, 1]; got " + o.errorRateSla());
            }
            // [conflict] resolved as AIPerf's docs say: the run's average error rate, given as a fraction and
            // judged on request_error_rate, which is in percentage points.
            filters.add(rule("request_error_rate", "avg", "le", o.errorRateSla() * 100.0));
        }
        for (String spec : o.searchSla() == null ? List.<String>of() : o.searchSla()) {
            SlaRule r = SlaRule.parse(spec);
            filters.add(rule(r.metric(), r.stat(), r.op().word(), r.threshold()));
        }
        if (filters.isEmpty()) {
            throw new ConfigException("--search-recipe", "recipe '" + name + "' needs at least one SLA: --ttft-sla-ms,"
                    + " --itl-sla-ms/--tpot-sla-ms, --e2e-sla-ms, --error-rate-sla or --search-sla");
        }
        double[] r = range(name, o);
        String style = o.searchStyle() == null ? "monotonic" : o.searchStyle();
        ObjectNode sweep = switch (style) {
            case "monotonic" -> {
                ObjectNode s = adaptive(name, "monotonic_sla", r, monotonicBudget(r), "output_token_throughput");
                s.remove("n_initial_points");
                yield s;
            }
            case "smooth_isotonic" -> {
                ObjectNode s = adaptive(name, "smooth_isotonic", r, 30, "output_token_throughput");
                s.remove("n_initial_points");
                yield s;
            }
            case "bo" -> adaptive(name, "bayesian", r, 30, "output_token_throughput");
            case "grid" -> {
                ObjectNode s = grid(name, CONCURRENCY, LogGrid.of(r[0], r[1], 8));
                postProcess(s, PostProcessors.SLA_BREACH_KNEE, F.objectNode().put("param", CONCURRENCY));
                yield s;
            }
            default -> throw new ConfigException("--search-style", "recipe '" + name + "': unknown style '" + style
                    + "'; use monotonic (default), smooth_isotonic, bo or grid");
        };
        ArrayNode arr = sweep.putArray("sla_filters");
        filters.forEach(arr::add);
        return new Output(sweep, null, streaming);
    }

    private static Output goodput(String name, SearchOptions o) {
        double ttft = required(name, o.ttftSlaMs(), "--ttft-sla-ms");
        double itl = required(name, itl(name, o), "--tpot-sla-ms (or --itl-sla-ms)");
        double e2e = required(name, o.e2eSlaMs(), "--e2e-sla-ms");
        double attainment = o.goodputAttainment() == null ? 0.95 : o.goodputAttainment();
        if (!(attainment > 0 && attainment <= 1)) {
            throw new ConfigException("--goodput-attainment", "recipe '" + name + "': must be in (0, 1]; got "
                    + attainment);
        }
        ObjectNode sweep = bo(name, range(name, o), List.of(rule("good_request_fraction", "avg", "ge", attainment)),
                "goodput");
        ObjectNode slos = F.objectNode();
        slos.put("time_to_first_token", ttft);
        slos.put("inter_token_latency", itl);
        slos.put("request_latency", e2e);
        return new Output(sweep, slos, "goodput judges TTFT and inter-token latency of streamed tokens");
    }

    private static Output pareto(String name, Context ctx) {
        SearchOptions o = ctx.flags();
        String pairsText = o.islOslPairs() == null ? "128/128" : o.islOslPairs();
        List<long[]> pairs = new ArrayList<>();
        for (String p : pairsText.split(",")) {
            String[] io = p.trim().split("/");
            try {
                if (io.length != 2) {
                    throw new NumberFormatException();
                }
                long isl = Long.parseLong(io[0].trim());
                long osl = Long.parseLong(io[1].trim());
                if (isl < 1 || osl < 1) {
                    throw new NumberFormatException();
                }
                pairs.add(new long[] {isl, osl});
            } catch (NumberFormatException e) {
                throw new ConfigException("--isl-osl-pairs", "expected ISL/OSL pairs of positive integers like"
                        + " 128/128,512/256; got '" + p + "'");
            }
        }
        List<Long> conc = ctx.concurrencies().isEmpty() ? List.of(1L, 4L, 16L, 64L, 256L) : ctx.concurrencies();
        if (pairs.size() * conc.size() < 2) {
            throw new ConfigException("--search-recipe", "recipe '" + name + "': a Pareto sweep with a single point"
                    + " is meaningless; give at least two cells (--isl-osl-pairs with several pairs or --concurrency"
                    + " with several values)");
        }
        ObjectNode sweep = F.objectNode();
        sweep.put("type", "scenarios");
        sweep.put("recipe_name", name);
        ArrayNode runs = sweep.putArray("runs");
        for (long[] p : pairs) {
            for (long c : conc) {
                ObjectNode run = runs.addObject();
                run.put("name", "shape_" + p[0] + "_" + p[1] + "_c" + c);
                ObjectNode bench = run.putObject("benchmark");
                ObjectNode prompts;
                if (ctx.benchmark() != null && ctx.benchmark().has("datasets")) {
                    ObjectNode ds = bench.putArray("datasets").addObject();
                    ds.put("name", "main");
                    prompts = ds.putObject("prompts");
                } else {
                    prompts = bench.putObject("dataset").putObject("prompts");
                }
                prompts.put("isl", p[0]);
                prompts.put("osl", p[1]);
                ObjectNode phase = bench.putArray("phases").addObject();
                phase.put("name", "profiling");
                phase.put("concurrency", c);
                ObjectNode values = run.putObject("values");
                values.put("isl", p[0]);
                values.put("osl", p[1]);
                values.put("concurrency", c);
            }
        }
        postProcess(sweep, PostProcessors.PARETO_SWEEP_EXPORT, F.objectNode());
        return new Output(sweep, null, "the frontier's x axis is TTFT, measured on the first streamed token");
    }

    /**
     * Trials the monotonic style may spend: enough for 5% precision whatever the boundary, when each probe's two
     * trials agree (30 on [1, 1000], 26 on [1, 256]), at most 200. AIPerf's fixed 20 counts trials too, so it stops
     * short of 5% for most boundaries above 32.
     */
    static int monotonicBudget(double[] range) {
        Dimension d = Dimension.ofInt(CONCURRENCY, range[0], range[1], Dimension.Prior.LOG_UNIFORM);
        return Math.min(200, MonotonicSlaPlanner.worstCaseTrials(d, 2, 0.05));
    }

    private static ObjectNode bo(String name, double[] range, List<ObjectNode> filters, String metric) {
        ObjectNode s = adaptive(name, "bayesian", range, 30, metric);
        ArrayNode arr = s.putArray("sla_filters");
        filters.forEach(arr::add);
        return s;
    }

    private static ObjectNode adaptive(String name, String planner, double[] range, int iterations, String metric) {
        ObjectNode s = F.objectNode();
        s.put("type", "adaptive_search");
        s.put("recipe_name", name);
        s.put("planner", planner);
        s.put("max_iterations", iterations);
        s.put("n_initial_points", 5);
        ObjectNode dim = s.putArray("search_space").addObject();
        dim.put("path", CONCURRENCY);
        dim.put("lo", (long) range[0]);
        dim.put("hi", (long) range[1]);
        dim.put("kind", "int");
        dim.put("prior", "log-uniform");
        ObjectNode obj = s.putArray("objectives").addObject();
        obj.put("metric", metric);
        obj.put("stat", "avg");
        obj.put("direction", "MAXIMIZE");
        return s;
    }

    private static ObjectNode grid(String name, String path, List<Long> values) {
        ObjectNode s = F.objectNode();
        s.put("type", "grid");
        s.put("recipe_name", name);
        ArrayNode arr = s.putObject("parameters").putArray(path);
        values.forEach(arr::add);
        return s;
    }

    private static void postProcess(ObjectNode sweep, String handler, ObjectNode params) {
        ObjectNode pp = sweep.putObject("post_process");
        pp.put("handler", handler);
        pp.set("params", params);
        pp.put("output_filename", PostProcessors.defaultFile(handler));
    }

    private static ObjectNode rule(String tag, String stat, String op, double threshold) {
        ObjectNode r = F.objectNode();
        r.put("metric_tag", tag);
        r.put("stat", stat);
        r.put("op", op);
        r.put("threshold", threshold);
        return r;
    }

    private static double[] range(String name, SearchOptions o) {
        int lo = o.concurrencyMin() == null ? 1 : o.concurrencyMin();
        int hi = o.concurrencyMax() == null ? 1000 : o.concurrencyMax();
        if (lo < 1) {
            throw new ConfigException("--concurrency-min", "recipe '" + name + "': must be >= 1; got " + lo);
        }
        if (lo >= hi) {
            throw new ConfigException("--concurrency-min", "recipe '" + name + "': --concurrency-min (" + lo
                    + ") must be < --concurrency-max (" + hi + "); widen the range");
        }
        return new double[] {lo, hi};
    }

    private static Double itl(String name, SearchOptions o) {
        if (o.itlSlaMs() != null && o.tpotSlaMs() != null && !o.itlSlaMs().equals(o.tpotSlaMs())) {
            throw new ConfigException("--tpot-sla-ms", "recipe '" + name + "': --itl-sla-ms (" + o.itlSlaMs()
                    + ") and --tpot-sla-ms (" + o.tpotSlaMs() + ") are aliases; give one of them");
        }
        return o.itlSlaMs() != null ? o.itlSlaMs() : o.tpotSlaMs();
    }

    private static double required(String name, Double value, String flag) {
        if (value == null) {
            throw new ConfigException("--search-recipe", "recipe '" + name + "' requires " + flag);
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ConfigException(flag, "recipe '" + name + "': must be a positive number; got " + value);
        }
        return value;
    }
}
