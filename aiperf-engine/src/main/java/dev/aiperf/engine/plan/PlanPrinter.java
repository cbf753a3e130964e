package dev.aiperf.engine.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.sweep.PythonStr;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders a {@link Plan} for {@code aiperf plan}: human-readable text, or JSON ({@code --format json}) whose shape
 * is documented in docs/SWEEPS.md ("Plan JSON"). Nothing is sent to a server.
 */
public final class PlanPrinter {
    /** Version of the JSON shape; bumped on incompatible changes. */
    public static final String SCHEMA_VERSION = "1.0";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanPrinter() {
    }

    /** The text form: summary, variations (label, values, seed, directory), run order, totals and estimate. */
    public static String text(Plan plan) {
        StringBuilder sb = new StringBuilder();
        int n = plan.variations().size();
        if (plan.sweep() == null) {
            sb.append("No sweep: ").append(plan.trials()).append(plan.trials() == 1 ? " run" : " trials").append('\n');
        } else {
            sb.append("Sweep: ").append(plan.sweep().typeName()).append(", ").append(n)
                    .append(n == 1 ? " variation" : " variations").append(" x ").append(plan.trials())
                    .append(plan.trials() == 1 ? " trial" : " trials").append(", iteration order ")
                    .append(plan.sweep().iterationOrder().yamlName()).append('\n');
            for (String w : plan.sweep().warnings()) {
                sb.append("Warning: ").append(w).append('\n');
            }
        }
        if (plan.convergence() != null) {
            MultiRunConfig.ConvergenceConfig c = plan.convergence();
            String test = switch (c.mode()) {
                case CI_WIDTH -> "relative CI width < ";
                case CV -> "cv < ";
                case DISTRIBUTION -> "KS p-value (last trial vs the earlier ones) > ";
            };
            sb.append("Convergence: a cell stops once ").append(c.metric()).append(' ').append(c.stat()).append(" has ")
                    .append(test).append(PythonStr.floatRepr(c.threshold())).append(" (judged from trial ")
                    .append(c.minRuns()).append("), so the runs below are the most that run\n");
        }
        sb.append("Base directory: ").append(plan.layout().base()).append('\n');
        if (plan.sweep() != null) {
            sb.append("\nVariations:\n");
            for (Variation v : plan.variations()) {
                sb.append(String.format("  [%d] %s%n", v.index(), v.label()));
                if (!v.values().isEmpty()) {
                    StringBuilder vals = new StringBuilder();
                    v.values().forEach((k, val) -> vals.append(vals.length() == 0 ? "" : ", ").append(k).append('=')
                            .append(PythonStr.str(val)));
                    sb.append("      values:    ").append(vals).append('\n');
                }
                sb.append("      seed:      ").append(v.seed() == null ? "none" : v.seed()).append('\n');
                sb.append("      directory: ").append(v.dirName()).append('\n');
            }
        }
        sb.append("\nRun order:\n");
        for (PlannedRun r : plan.runs()) {
            if (r.cooldownBeforeSeconds() > 0) {
                sb.append(String.format("       (cooldown %s s, %s)%n", PythonStr.floatRepr(r.cooldownBeforeSeconds()),
                        r.cooldownKind() == CooldownKind.TRIAL ? "multi_run.cooldown_seconds"
                                : "sweep.cooldown_seconds"));
            }
            sb.append(String.format("  %4d. %s", r.order(), r.runLabel()));
            if (plan.sweep() != null) {
                sb.append("  ").append(r.variation().label());
            }
            sb.append("  seed ").append(r.seed() == null ? "none" : r.seed());
            if (r.skipWarmup()) {
                sb.append("  (no warmup)");
            }
            sb.append("  ~").append(duration(r.estimatedSeconds())).append("  -> ").append(r.runDir()).append('\n');
        }
        double cooldowns = plan.runs().stream().mapToDouble(PlannedRun::cooldownBeforeSeconds).sum();
        sb.append("\nTotal runs: ").append(plan.runs().size()).append('\n');
        sb.append("Estimated time: ").append(duration(plan.estimatedSeconds()));
        if (cooldowns > 0) {
            sb.append(" (of which cooldowns ").append(duration(cooldowns)).append(')');
        }
        sb.append("; phases with a duration count duration + grace period, request-bounded phases requests/rate or")
                .append(" one nominal second per request and concurrency slot\n");
        Path sweepAgg = plan.runs().isEmpty() ? null : plan.runs().get(0).sweepAggregateDir();
        if (sweepAgg != null) {
            sb.append("Sweep aggregate: ").append(sweepAgg).append('\n');
        }
        return sb.toString();
    }

    /** The JSON form (see docs/SWEEPS.md, "Plan JSON"). */
    public static ObjectNode json(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("sweep_type", plan.sweep() == null ? null : plan.sweep().typeName());
        root.put("iteration_order", plan.sweep() == null ? null : plan.sweep().iterationOrder().yamlName());
        root.put("base_dir", plan.layout().base().toString());
        root.put("num_variations", plan.variations().size());
        root.put("num_trials", plan.trials());
        root.put("total_runs", plan.runs().size());
        if (plan.convergence() != null) {
            ObjectNode c = root.putObject("convergence");
            c.put("metric", plan.convergence().metric());
            c.put("stat", plan.convergence().stat());
            c.put("mode", plan.convergence().mode().name().toLowerCase(java.util.Locale.ROOT));
            c.put("threshold", plan.convergence().threshold());
            c.put("min_runs", plan.convergence().minRuns());
        }
        root.put("estimated_seconds", plan.estimatedSeconds());
        Path sweepAgg = plan.layout().sweepAggregateDir();
        root.put("sweep_aggregate_dir", sweepAgg == null ? null : sweepAgg.toString());
        ArrayNode warnings = root.putArray("warnings");
        if (plan.sweep() != null) {
            plan.sweep().warnings().forEach(warnings::add);
        }
        ArrayNode vars = root.putArray("variations");
        for (Variation v : plan.variations()) {
            ObjectNode o = vars.addObject();
            o.put("index", v.index());
            o.put("label", v.label());
            ObjectNode values = o.putObject("values");
            v.values().forEach(values::set);
            putSeed(o, v.seed());
            o.put("dir_name", v.dirName());
            Path agg = plan.layout().cellAggregateDir(v.dirName());
            o.put("aggregate_dir", agg == null ? null : agg.toString());
        }
        ArrayNode runs = root.putArray("runs");
        for (PlannedRun r : plan.runs()) {
            ObjectNode o = runs.addObject();
            o.put("order", r.order());
            o.put("variation_index", r.variation().index());
            o.put("variation_label", r.variation().label());
            o.put("trial", r.trial());
            o.put("run_label", r.runLabel());
            putSeed(o, r.seed());
            o.put("run_dir", r.runDir().toString());
            o.put("skip_warmup", r.skipWarmup());
            o.put("cooldown_before_seconds", r.cooldownBeforeSeconds());
            o.put("cooldown_kind", r.cooldownKind().name().toLowerCase(Locale.ROOT));
            o.put("estimated_seconds", r.estimatedSeconds());
        }
        return root;
    }

    /** {@link #json(Plan)} as indented text. */
    public static String jsonText(Plan plan) {
        try {
            return MAPPER.writeValueAsString(json(plan)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plan JSON cannot be serialised", e);
        }
    }

    private static void putSeed(ObjectNode o, Long seed) {
        if (seed == null) {
            o.putNull("seed");
        } else {
            o.put("seed", seed);
        }
    }

    /** {@code 2h 05m 10s}, {@code 3m 00s}, {@code 45s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) {
            return String.format("%dh %02dm %02ds", h, m, sec);
        }
        if (m > 0) {
            return String.format("%dm %02ds", m, sec);
        }
        return sec + "s";
    }
}
