package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.api.model.Convergence;
import dev.aiperf.engine.config.MultiRunConfig.ConvergenceConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.plan.RunStatus;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When to stop repeating a cell early ({@code multi_run.convergence}). Each criterion looks at the
 * successful runs so far; any error inside a criterion counts as "not converged", so a stop is never caused
 * by a broken file.
 */
public sealed interface ConvergenceCriterion
        permits ConvergenceCriterion.CiWidth, ConvergenceCriterion.Cv, ConvergenceCriterion.Distribution {

    /** Default thresholds per mode: ci_width 0.10, cv 0.05, distribution 0.05. */
    double DEFAULT_CI_WIDTH = 0.10;
    double DEFAULT_CV = 0.05;
    double DEFAULT_DISTRIBUTION = 0.05;

    /** The outcome of one check: the measured quantity and whether it passed. */
    record Verdict(boolean converged, double value, String detail) {
    }

    /** Whether the next trial is needed, and why not. */
    record StopDecision(boolean stop, String reason, Verdict verdict) {
    }

    /** Judges the successful runs among {@code runs} (failed and cancelled runs are ignored). */
    Verdict evaluate(List<RunSummary> runs);

    /** The threshold the measure is compared with. */
    double threshold();

    /** Relative CI width {@code 2·t·se/mean < threshold}, t at (1+cl)/2 with n−1 df; uses the signed mean. */
    record CiWidth(String metric, String stat, double threshold, double confidenceLevel, int minRuns)
            implements ConvergenceCriterion {
        @Override
        public Verdict evaluate(List<RunSummary> runs) {
            double[] v = values(runs, metric, stat);
            if (v.length < Math.max(2, minRuns)) {
                return new Verdict(false, Double.NaN, "need at least " + Math.max(2, minRuns) + " values of "
                        + metric + "_" + stat + ", have " + v.length);
            }
            ConfidenceStats s = new ConfidenceAggregator(confidenceLevel).stats(v, null);
            if (s.mean() == 0.0 || !Double.isFinite(s.mean())) {
                return new Verdict(false, Double.NaN, "mean of " + metric + "_" + stat + " is 0");
            }
            double width = 2.0 * s.tCritical() * s.se() / s.mean();
            return new Verdict(width < threshold, width, String.format(Locale.ROOT,
                    "relative CI width %.4f %s %.4f", width, width < threshold ? "<" : ">=", threshold));
        }
    }

    /** Coefficient of variation {@code std(n−1)/mean < threshold}. */
    record Cv(String metric, String stat, double threshold, int minRuns) implements ConvergenceCriterion {
        @Override
        public Verdict evaluate(List<RunSummary> runs) {
            double[] v = values(runs, metric, stat);
            if (v.length < Math.max(2, minRuns)) {
                return new Verdict(false, Double.NaN, "need at least " + Math.max(2, minRuns) + " values of "
                        + metric + "_" + stat + ", have " + v.length);
            }
            ConfidenceStats s = new ConfidenceAggregator(0.95).stats(v, null);
            if (s.mean() == 0.0 || !Double.isFinite(s.mean())) {
                return new Verdict(false, Double.NaN, "mean of " + metric + "_" + stat + " is 0");
            }
            double cv = s.std() / s.mean();
            return new Verdict(cv < threshold, cv, String.format(Locale.ROOT, "cv %.4f %s %.4f",
                    cv, cv < threshold ? "<" : ">=", threshold));
        }
    }

    /**
     * Two-sample Kolmogorov–Smirnov test of the pooled per-request values of runs 1..N−1 against run N (read
     * from each run's {@code profile_export.jsonl}); converged when the p-value exceeds the threshold, i.e.
     * the last run is indistinguishable from the ones before it.
     */
    record Distribution(String metric, double threshold, int minRuns) implements ConvergenceCriterion {
        @Override
        public Verdict evaluate(List<RunSummary> runs) {
            List<RunSummary> ok = runs.stream().filter(RunSummary::succeeded).toList();
            if (ok.size() < Math.max(2, minRuns)) {
                return new Verdict(false, Double.NaN, "need at least " + Math.max(2, minRuns)
                        + " successful runs, have " + ok.size());
            }
            List<double[]> earlier = new ArrayList<>();
            int total = 0;
            for (RunSummary r : ok.subList(0, ok.size() - 1)) {
                double[] v = RequestValues.of(r.directory(), metric);
                earlier.add(v);
                total += v.length;
            }
            double[] pooled = new double[total];
            int k = 0;
            for (double[] v : earlier) {
                System.arraycopy(v, 0, pooled, k, v.length);
                k += v.length;
            }
            double[] last = RequestValues.of(ok.get(ok.size() - 1).directory(), metric);
            if (pooled.length < 2 || last.length < 2) {
                return new Verdict(false, Double.NaN, "not enough per-request values of " + metric
                        + " (pooled " + pooled.length + ", last run " + last.length + ")");
            }
            // strict = false: the p-value is P(D >= d), as SciPy's ks_2samp (AIPerf) computes it; commons-math's
            // two-argument form is P(D > d), which understates it (0 for two fully separated small samples).
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(pooled, last, false);
            return new Verdict(p > threshold, p, String.format(Locale.ROOT, "KS p-value %.4f %s %.4f",
                    p, p > threshold ? ">" : "<=", threshold));
        }
    }

    /** The criterion a {@code convergence} block asks for; a NaN or non-positive threshold takes the mode's default. */
    static ConvergenceCriterion of(ConvergenceConfig c, double confidenceLevel) {
        String stat = c.stat() == null || c.stat().isBlank() ? "avg" : c.stat();
        boolean dflt = !(c.threshold() > 0);
        return switch (c.mode() == null ? ConvergenceConfig.Mode.CI_WIDTH : c.mode()) {
            case CI_WIDTH -> new CiWidth(c.metric(), stat, dflt ? DEFAULT_CI_WIDTH : c.threshold(), confidenceLevel,
                    c.minRuns());
            case CV -> new Cv(c.metric(), stat, dflt ? DEFAULT_CV : c.threshold(), c.minRuns());
            case DISTRIBUTION -> new Distribution(c.metric(), dflt ? DEFAULT_DISTRIBUTION : c.threshold(), c.minRuns());
        };
    }

    /**
     * Whether to stop after the runs completed so far: without convergence after {@code num_runs}; with it,
     * never before {@code min_runs}, always at {@code num_runs}, and in between when the criterion passes.
     * A cancelled run stops the cell.
     */
    static StopDecision shouldStop(List<RunSummary> completed, MultiRunConfig config) {
        int n = completed.size();
        if (completed.stream().anyMatch(r -> r.status() == RunStatus.Status.CANCELLED)) {
            return new StopDecision(true, "cancelled", null);
        }
        ConvergenceConfig c = config.convergence();
        if (c == null) {
            return new StopDecision(n >= config.numRuns(), n >= config.numRuns() ? "num_runs" : "continue", null);
        }
        if (n < c.minRuns()) {
            return new StopDecision(false, "continue", null);
        }
        if (n >= config.numRuns()) {
            return new StopDecision(true, "num_runs", null);
        }
        Verdict v;
        try {
            v = of(c, config.confidenceLevel()).evaluate(completed);
        } catch (RuntimeException e) {
            v = new Verdict(false, Double.NaN, "criterion failed: " + e.getMessage());
        }
        return new StopDecision(v.converged(), v.converged() ? "converged" : "continue", v);
    }

    /**
     * How the trials of one cell ended under {@code config}'s convergence block, or {@code null} without one. The
     * criterion is judged again on the trials that ran: a deterministic function of the run files, so the decision
     * the session took is the one the aggregate records, also when {@code aiperf aggregate} recomputes it offline.
     */
    static Convergence outcome(List<RunSummary> runs, MultiRunConfig config) {
        ConvergenceConfig c = config == null ? null : config.convergence();
        if (c == null) {
            return null;
        }
        List<RunSummary> completed = runs.stream().filter(r -> r.status() != RunStatus.Status.CANCELLED).toList();
        int n = completed.size();
        ConvergenceCriterion criterion = of(c, config.confidenceLevel());
        Verdict v;
        try {
            v = criterion.evaluate(completed);
        } catch (RuntimeException e) {
            v = new Verdict(false, Double.NaN, "criterion failed: " + e.getMessage());
        }
        boolean converged = n >= c.minRuns() && v.converged();
        String reason = n >= config.numRuns() ? "num_runs" : converged ? "converged" : "incomplete";
        String stat = c.stat() == null || c.stat().isBlank() ? "avg" : c.stat();
        String mode = (c.mode() == null ? ConvergenceConfig.Mode.CI_WIDTH : c.mode()).name().toLowerCase(Locale.ROOT);
        return new Convergence(c.metric(), stat, mode, criterion.threshold(), c.minRuns(), config.numRuns(), n,
                converged, reason, v.value(), v.detail());
    }

    /** Finite values of {@code metric[stat]} over the successful runs, in run order. */
    private static double[] values(List<RunSummary> runs, String metric, String stat) {
        return runs.stream().filter(RunSummary::succeeded)
                .mapToDouble(r -> r.stat(metric, stat).orElse(Double.NaN))
                .filter(Double::isFinite).toArray();
    }
}
