package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.StatKeys;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Binds and validates the envelope's {@code multi_run:} block (ranges and messages as AIPerf's). */
public final class MultiRunBinder {
    static final Set<String> KEYS = Set.of("num_runs", "cooldown_seconds", "confidence_level", "set_consistent_seed",
            "vary_seed_per_trial", "disable_warmup_after_first", "convergence");
    static final Set<String> CONVERGENCE_KEYS = Set.of("metric", "stat", "mode", "threshold", "min_runs");

    private MultiRunBinder() {
    }

    /** Binds {@code node} (may be null: defaults) found at {@code path}. */
    public static MultiRunConfig bind(JsonNode node, SourceLines lines, String path) {
        Problems problems = new Problems(lines);
        MultiRunConfig config = bind(node, path, problems);
        problems.throwIfAny();
        return config;
    }

    static MultiRunConfig bind(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            return MultiRunConfig.DEFAULT;
        }
        Fields f = Fields.of(node, path, problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        MultiRunConfig d = MultiRunConfig.DEFAULT;
        Integer numRuns = f.has("num_runs")
                ? Fields.integer(f.get("num_runs"), f.pathOf("num_runs"), 1, 10, problems) : Integer.valueOf(d.numRuns());
        Double cooldown = f.has("cooldown_seconds") ? f.number("cooldown_seconds", 0, false) : Double.valueOf(0);
        if (cooldown != null && cooldown > 86400) {
            problems.add(f.pathOf("cooldown_seconds"), "must be between 0 and 86400 seconds (24 h); got "
                    + Fields.fmt(cooldown));
        }
        Double level = f.has("confidence_level") ? f.number("confidence_level") : Double.valueOf(d.confidenceLevel());
        if (level != null && (level <= 0 || level >= 1)) {
            problems.add(f.pathOf("confidence_level"), "Invalid confidence level: " + Fields.fmt(level)
                    + ". Must be between 0 and 1 (exclusive), e.g. 0.95");
        }
        MultiRunConfig.ConvergenceConfig convergence = null;
        if (f.has("convergence")) {
            convergence = convergence(f, numRuns, problems);
        }
        return new MultiRunConfig(numRuns == null ? 1 : numRuns, cooldown == null ? 0 : cooldown,
                level == null ? d.confidenceLevel() : level,
                f.bool("set_consistent_seed", d.setConsistentSeed()),
                f.bool("vary_seed_per_trial", d.varySeedPerTrial()),
                f.bool("disable_warmup_after_first", d.disableWarmupAfterFirst()), convergence);
    }

    private static MultiRunConfig.ConvergenceConfig convergence(Fields parent, Integer numRuns, Problems problems) {
        Fields c = Fields.of(parent.get("convergence"), parent.pathOf("convergence"), problems);
        if (c == null) {
            return null;
        }
        c.allowOnly(CONVERGENCE_KEYS);
        String metric = c.string("metric");
        if (metric == null || metric.isBlank()) {
            problems.add(c.pathOf("metric"), "convergence needs a metric, e.g. metric: request_throughput");
        }
        String stat = c.has("stat") ? c.string("stat") : "avg";
        if (stat != null && !StatKeys.ALL.contains(stat)) {
            problems.add(c.pathOf("stat"), "unknown stat '" + stat + "'" + ClosestKey.hintValue(stat, StatKeys.ALL));
        }
        MultiRunConfig.ConvergenceConfig.Mode mode = MultiRunConfig.ConvergenceConfig.Mode.CI_WIDTH;
        String modeName = c.string("mode");
        if (modeName != null) {
            List<String> names = List.of("ci_width", "cv", "distribution");
            if (!names.contains(modeName)) {
                problems.add(c.pathOf("mode"), "unknown convergence mode '" + modeName + "'" + ClosestKey.hintValue(modeName, names));
            } else {
                mode = MultiRunConfig.ConvergenceConfig.Mode.valueOf(modeName.toUpperCase(Locale.ROOT));
            }
        }
        double threshold = mode == MultiRunConfig.ConvergenceConfig.Mode.CI_WIDTH ? 0.10 : 0.05;
        if (c.has("threshold")) {
            Double t = c.number("threshold");
            if (t != null && (t <= 0 || t >= 1)) {
                problems.add(c.pathOf("threshold"), "must be between 0 and 1 (exclusive); got " + Fields.fmt(t));
            } else if (t != null) {
                threshold = t;
            }
        }
        Integer minRuns = c.has("min_runs")
                ? Fields.integer(c.get("min_runs"), c.pathOf("min_runs"), 2, Integer.MAX_VALUE, problems) : Integer.valueOf(2);
        if (minRuns != null && numRuns != null && minRuns > numRuns) {
            problems.add(c.pathOf("min_runs"), "convergence.min_runs (" + minRuns + ") must be <= num_runs ("
                    + numRuns + "); raise multi_run.num_runs or lower min_runs");
        }
        return new MultiRunConfig.ConvergenceConfig(metric, stat, mode, threshold, minRuns == null ? 2 : minRuns);
    }
}
