package dev.aiperf.engine.report;

import dev.aiperf.engine.api.model.BestConfiguration;
import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.stats.SweepAggregate.Combination;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.stats.SweepAggregator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Plain-text summaries of aggregates for the console: each cell's headline metrics as mean ± CI half-width
 * with their CV, a flag on cells whose CV exceeds 0.20, then the best configurations and the Pareto set.
 * Returns text; printing is the caller's.
 */
public final class ConsoleReport {
    /** The metrics shown per cell. */
    public static final List<String> HEADLINE = List.of("request_throughput_avg", "output_token_throughput_avg",
            "time_to_first_token_p99", "request_latency_p99");
    /** CV above which a cell is flagged. */
    public static final double HIGH_CV = 0.20;
    static final String ADVICE = "high variability - increase multi_run.num_runs, add cooldown"
            + " (multi_run.cooldown_seconds, sweep.cooldown_seconds), or investigate the system at that load";

    private ConsoleReport() {
    }

    /** One cell without a sweep. */
    public static String cell(String title, CellAggregate a) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(" (").append(a.numSuccessfulRuns()).append('/').append(a.numProfileRuns())
                .append(" runs ok, ").append(percent(a.confidenceLevel())).append(" CI)\n");
        List<String> high = new ArrayList<>();
        for (String key : HEADLINE) {
            ConfidenceStats s = a.get(key);
            if (s == null || !Double.isFinite(s.mean())) {
                continue;
            }
            double half = Double.isFinite(s.halfWidth()) ? s.halfWidth() : 0.0;
            sb.append(line(key, s.mean(), half, s.cv(), s.unit()));
            if (s.cv() > HIGH_CV) {
                high.add(key);
            }
        }
        a.failedRuns().forEach(f -> sb.append("  failed ").append(f.label()).append(": ").append(f.error()).append('\n'));
        if (a.convergence() != null) {
            sb.append("  convergence on ").append(a.convergence().metric()).append(' ').append(a.convergence().stat())
                    .append(": ").append(a.convergence().describe()).append('\n');
        }
        if (!high.isEmpty()) {
            sb.append("  ! CV > 0.20 on ").append(String.join(", ", high)).append(": ").append(ADVICE).append('\n');
        }
        return sb.toString();
    }

    /** Every combination of a sweep, then best configurations and the Pareto set. */
    public static String sweep(SweepAggregate a) {
        StringBuilder sb = new StringBuilder();
        sb.append("Sweep: ").append(a.combinations().size()).append(" configurations, ")
                .append(a.numSuccessfulRuns()).append('/').append(a.numProfileRuns()).append(" runs ok, ")
                .append(percent(a.confidenceLevel())).append(" CI\n");
        for (Combination c : a.combinations()) {
            sb.append(params(c.parameters())).append(" (").append(c.numSuccessfulRuns()).append('/')
                    .append(c.numRuns()).append(" runs");
            if (c.feasible() != null) {
                sb.append(c.feasible() ? ", meets SLA" : ", breaks SLA");
            }
            sb.append(")\n");
            List<String> high = new ArrayList<>();
            for (String key : HEADLINE) {
                OptionalDouble mean = c.mean(key);
                if (mean.isEmpty()) {
                    continue;
                }
                double lo = c.field(key, "ci_low").orElse(mean.getAsDouble());
                double hi = c.field(key, "ci_high").orElse(mean.getAsDouble());
                double cv = c.field(key, "cv").orElse(0.0);
                sb.append(line(key, mean.getAsDouble(), (hi - lo) / 2.0, cv, c.unit(key)));
                if (cv > HIGH_CV) {
                    high.add(key);
                }
            }
            if (!high.isEmpty()) {
                sb.append("  ! CV > 0.20 on ").append(String.join(", ", high)).append(": ").append(ADVICE).append('\n');
            }
        }
        a.failedRuns().forEach(f -> sb.append("failed ").append(f.variationLabel() == null ? "" : f.variationLabel() + " ")
                .append(f.label()).append(": ").append(f.error()).append('\n'));
        if (a.sla() != null) {
            sb.append("SLA filters: ").append(a.sla().activeFilters().stream().map(Object::toString)
                    .collect(Collectors.joining(", "))).append(" -> ").append(a.sla().feasibleCount())
                    .append(" feasible, ").append(a.sla().infeasibleCount()).append(" infeasible\n");
        }
        sb.append("Best configurations:\n");
        if (a.best().isEmpty()) {
            sb.append("  none (throughput or latency missing in some configuration)\n");
        }
        for (Map.Entry<String, BestConfiguration> e : a.best().entrySet()) {
            BestConfiguration b = e.getValue();
            sb.append("  ").append(e.getKey()).append(": ").append(params(b.parameters())).append(" -> ")
                    .append(String.format(Locale.ROOT, "%.2f", b.metric())).append(' ')
                    .append(b.unit() == null ? "" : b.unit()).append(" (").append(b.metricKey()).append(")\n");
        }
        String latency = a.latencyKey() == null ? SweepAggregator.LATENCY_P99_KEY : a.latencyKey();
        sb.append("Pareto-optimal (").append(SweepAggregator.THROUGHPUT_KEY).append(" up, ").append(latency)
                .append(" down): ");
        sb.append(a.paretoOptimal().isEmpty() ? "none" : a.paretoOptimal().stream().map(ConsoleReport::params)
                .collect(Collectors.joining("; "))).append('\n');
        return sb.toString();
    }

    private static String line(String key, double mean, double half, double cv, String unit) {
        return String.format(Locale.ROOT, "  %-28s %12.2f ± %-10.2f %-14s CV %s%n", key, mean, half,
                unit == null ? "" : unit, Double.isFinite(cv) ? String.format(Locale.ROOT, "%.3f", cv) : "inf");
    }

    private static String params(Map<String, Object> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String percent(double level) {
        double pct = level * 100;
        return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct)
                : String.format(Locale.ROOT, "%s", pct)) + "%";
    }
}
