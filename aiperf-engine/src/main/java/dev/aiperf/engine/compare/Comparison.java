package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparedMetric;
import dev.aiperf.engine.api.model.ConfigException;
import org.apache.commons.math3.stat.inference.TTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a candidate's benchmark results with a baseline's, cell by cell and metric by metric.
 *
 * <p>A row is a {@link Verdict#REGRESSION} when the candidate is worse by more than the metric's tolerance (both
 * the percentage of the baseline and the absolute floor) <em>and</em> the difference is significant: Welch's
 * two-sided t-test on the per-trial values gives p &lt; alpha when both sides have at least two trials; with a
 * single trial on either side the tolerance alone decides. The mirror case is an {@link Verdict#IMPROVEMENT}.
 *
 * <p>Only successful trials are compared: {@link ResultSet} leaves out the trials that failed or were cancelled
 * (by the aggregation's rules), and the report lists each one ({@link ComparisonReport#excluded()}). A cell left
 * without a successful trial on a side is refused, or with missing cells allowed becomes MISSING rows.
 *
 * <p>Pure function of the files: it only reads the directories.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * Compares the runs under {@code candidateDir} with those under {@code baselineDir}.
     *
     * @throws ConfigException if a directory holds no results, or the two are incompatible: different cells
     *                         (unless {@link CompareOptions#allowMissingCells()}) or a different workload, or a cell
     *                         has no successful trial on a side (unless missing cells are allowed and another cell
     *                         has successful trials on both sides)
     */
    public static ComparisonReport compare(Path baselineDir, Path candidateDir, CompareOptions options) {
        ResultSet baseline = ResultSet.read(baselineDir, "baseline");
        ResultSet candidate = ResultSet.read(candidateDir, "candidate");
        return compare(baseline, candidate, options);
    }

    /** Compares two result sets already read. */
    public static ComparisonReport compare(ResultSet baseline, ResultSet candidate, CompareOptions options) {
        checkCells(baseline, candidate, options.allowMissingCells());
        checkSuccessfulTrials(baseline, candidate, options.allowMissingCells());
        checkWorkload(baseline, candidate);
        Set<String> keys = new LinkedHashSet<>(candidate.cells().keySet());
        keys.addAll(baseline.cells().keySet());
        List<ComparisonRow> rows = new ArrayList<>();
        for (String key : keys) {
            CellResults b = baseline.cells().get(key);
            CellResults c = candidate.cells().get(key);
            String label = (c != null ? c : b).label();
            String missing = b == null ? "cell not in the baseline" : c == null ? "cell not in the candidate"
                    : b.trials() == 0 ? noTrialReason(ComparisonReport.BASELINE, b)
                    : c.trials() == 0 ? noTrialReason(ComparisonReport.CANDIDATE, c) : null;
            for (ComparedMetric metric : options.metrics()) {
                MetricSample bv = b == null ? MetricSample.EMPTY : b.sample(metric.tag(), metric.stat());
                MetricSample cv = c == null ? MetricSample.EMPTY : c.sample(metric.tag(), metric.stat());
                if (metric.optional() && bv.n() == 0 && cv.n() == 0) {
                    continue;
                }
                String unit = c != null && !c.unit(metric.tag()).isEmpty() ? c.unit(metric.tag())
                        : b != null ? b.unit(metric.tag()) : "";
                rows.add(judge(key, label, metric, unit, bv, cv, options.alpha(), missing));
            }
        }
        List<ComparisonReport.Exclusion> exclusions = new ArrayList<>();
        exclusions(ComparisonReport.BASELINE, baseline, exclusions);
        exclusions(ComparisonReport.CANDIDATE, candidate, exclusions);
        return new ComparisonReport(baseline.root(), candidate.root(), options, rows, exclusions);
    }

    private static void exclusions(String side, ResultSet set, List<ComparisonReport.Exclusion> out) {
        for (CellResults cell : set.cells().values()) {
            for (ExcludedTrial t : cell.excluded()) {
                out.add(new ComparisonReport.Exclusion(side, cell.key(), cell.label(), t));
            }
        }
    }

    /** The reason of a MISSING row for a cell whose trials were all left out. */
    private static String noTrialReason(String side, CellResults cell) {
        return "no successful trial in the " + side + (cell.excluded().isEmpty() ? ""
                : " (" + cell.excluded().size() + " left out: " + cell.excluded().stream()
                .map(ExcludedTrial::statusWord).distinct().collect(Collectors.joining(", ")) + ")");
    }

    /** The decision for one cell and metric, from the per-trial values of each side. */
    static ComparisonRow judge(String key, String cell, ComparedMetric metric, String unit, double[] baseline,
                               double[] candidate, double alpha, boolean cellMissingInBaseline,
                               boolean cellMissingInCandidate) {
        return judge(key, cell, metric, unit, MetricSample.of(baseline), MetricSample.of(candidate), alpha,
                cellMissingInBaseline, cellMissingInCandidate);
    }

    /** The decision for one cell and metric, from each side's mean, spread and trial count. */
    static ComparisonRow judge(String key, String cell, ComparedMetric metric, String unit, MetricSample b,
                               MetricSample c, double alpha, boolean cellMissingInBaseline,
                               boolean cellMissingInCandidate) {
        return judge(key, cell, metric, unit, b, c, alpha, cellMissingInBaseline ? "cell not in the baseline"
                : cellMissingInCandidate ? "cell not in the candidate" : null);
    }

    /**
     * The decision for one cell and metric.
     *
     * @param missingCell why a side has no value for the whole cell, or {@code null} when both sides have trials
     */
    private static ComparisonRow judge(String key, String cell, ComparedMetric metric, String unit, MetricSample b,
                                       MetricSample c, double alpha, String missingCell) {
        double bMean = b.mean();
        double cMean = c.mean();
        double bStd = b.std();
        double cStd = c.std();
        int bn = b.n();
        int cn = c.n();
        if (bn == 0 || cn == 0) {
            String reason = missingCell != null ? missingCell
                    : "no " + metric.key() + " in the " + (bn == 0 && cn == 0 ? "baseline or the candidate"
                    : bn == 0 ? "baseline" : "candidate");
            return new ComparisonRow(key, cell, metric, unit, bMean, cMean, bStd, cStd, bn, cn, Double.NaN,
                    Double.NaN, Verdict.MISSING, reason);
        }
        double delta = cMean - bMean;
        double deltaPercent = bMean != 0 ? delta / Math.abs(bMean) * 100.0
                : delta == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, delta);
        double allowed = Math.max(metric.tolerancePercent() / 100.0 * Math.abs(bMean), metric.absoluteFloor());
        double worsening = metric.direction().worsening(bMean, cMean);
        double p = bn >= 2 && cn >= 2 ? welchP(b, c) : Double.NaN;
        boolean beyond = Math.abs(delta) > allowed;
        boolean significant = Double.isNaN(p) || p < alpha;
        String tolerance = "tolerance " + Format.compact(metric.tolerancePercent()) + "%"
                + (metric.absoluteFloor() > 0 ? " / " + Format.compact(metric.absoluteFloor())
                + (unit.isEmpty() ? "" : " " + unit) : "");
        Verdict verdict;
        String reason;
        if (!beyond) {
            verdict = Verdict.NO_CHANGE;
            reason = "change " + Format.percent(deltaPercent) + " within " + tolerance;
        } else if (!significant) {
            verdict = Verdict.NO_CHANGE;
            reason = "change " + Format.percent(deltaPercent) + " beyond " + tolerance + " but not significant (p="
                    + Format.pValue(p) + " >= alpha " + alphaText(alpha) + ")";
        } else {
            verdict = worsening > 0 ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
            reason = (worsening > 0 ? "worse" : "better") + " by " + Format.percent(Math.abs(deltaPercent))
                    .substring(1) + ", beyond " + tolerance
                    + (Double.isNaN(p) ? "; tolerance only (fewer than 2 trials on a side)"
                    : "; significant (p=" + Format.pValue(p) + " < alpha " + alphaText(alpha) + ")");
        }
        return new ComparisonRow(key, cell, metric, unit, bMean, cMean, bStd, cStd, bn, cn, deltaPercent, p,
                verdict, reason);
    }

    private static String alphaText(double alpha) {
        return String.format(Locale.ROOT, "%s", alpha);
    }

    /** Welch's two-sided p-value; when neither side varies, equal means give 1 and different means give 0. */
    private static double welchP(MetricSample b, MetricSample c) {
        if (b.std() == 0 && c.std() == 0) {
            return b.mean() == c.mean() ? 1.0 : 0.0;
        }
        return new TTest().tTest(b.summary(), c.summary());
    }

    private static void checkCells(ResultSet baseline, ResultSet candidate, boolean allowMissing) {
        Set<String> onlyBaseline = new LinkedHashSet<>(baseline.cells().keySet());
        onlyBaseline.removeAll(candidate.cells().keySet());
        Set<String> onlyCandidate = new LinkedHashSet<>(candidate.cells().keySet());
        onlyCandidate.removeAll(baseline.cells().keySet());
        if (allowMissing) {
            if (baseline.cells().keySet().stream().noneMatch(candidate.cells()::containsKey)) {
                throw new ConfigException("baseline and candidate have no cell in common (baseline: "
                        + names(baseline.cells().keySet()) + "; candidate: " + names(candidate.cells().keySet())
                        + "); compare results of the same sweep");
            }
            return;
        }
        if (onlyBaseline.isEmpty() && onlyCandidate.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("baseline and candidate have different cells:");
        if (!onlyBaseline.isEmpty()) {
            sb.append(" only in the baseline ").append(names(onlyBaseline)).append(';');
        }
        if (!onlyCandidate.isEmpty()) {
            sb.append(" only in the candidate ").append(names(onlyCandidate)).append(';');
        }
        sb.append(" run the same sweep on both sides, or allow missing cells (--allow-missing-cells,"
                + " -Daiperf.allowMissingCells=true) to compare the common ones");
        throw new ConfigException(sb.toString());
    }

    /**
     * Refuses a cell left without a successful trial on a side (every trial failed or was cancelled), naming the
     * side, the cell and why each trial was left out; with missing cells allowed, such a cell becomes MISSING rows,
     * but at least one cell must still have successful trials on both sides.
     */
    private static void checkSuccessfulTrials(ResultSet baseline, ResultSet candidate, boolean allowMissing) {
        List<String> problems = new ArrayList<>();
        noTrialCells(ComparisonReport.BASELINE, baseline, problems);
        noTrialCells(ComparisonReport.CANDIDATE, candidate, problems);
        if (problems.isEmpty()) {
            return;
        }
        String listed = String.join(" | ", problems.subList(0, Math.min(3, problems.size())))
                + (problems.size() > 3 ? " | and " + (problems.size() - 3) + " more" : "");
        if (!allowMissing) {
            boolean swept = baseline.cells().keySet().stream().anyMatch(k -> !k.isEmpty())
                    || candidate.cells().keySet().stream().anyMatch(k -> !k.isEmpty());
            throw new ConfigException(listed + "; nothing is left to compare there: re-run the benchmark"
                    + (swept ? ", or allow missing cells (--allow-missing-cells, -Daiperf.allowMissingCells=true)"
                    + " to compare the other cells" : ""));
        }
        boolean anyComparable = baseline.cells().values().stream().anyMatch(b -> b.trials() > 0
                && candidate.cells().containsKey(b.key()) && candidate.cells().get(b.key()).trials() > 0);
        if (!anyComparable) {
            throw new ConfigException("no cell has a successful trial on both sides: " + listed
                    + "; re-run the benchmark");
        }
    }

    private static void noTrialCells(String side, ResultSet set, List<String> out) {
        for (CellResults cell : set.cells().values()) {
            if (cell.trials() > 0) {
                continue;
            }
            List<ExcludedTrial> left = cell.excluded();
            String why = left.isEmpty() ? "its aggregate counts no successful run"
                    : left.stream().limit(5).map(ExcludedTrial::describe).collect(Collectors.joining("; "))
                    + (left.size() > 5 ? "; and " + (left.size() - 5) + " more" : "");
            out.add(side + ": every trial " + (cell.key().isEmpty() ? "" : "of cell " + cell.label() + " ")
                    + "was left out (" + why + ")");
        }
    }

    private static String names(Set<String> keys) {
        return keys.stream().map(k -> k.isEmpty() ? "(no sweep)" : k).toList().toString();
    }

    private static void checkWorkload(ResultSet baseline, ResultSet candidate) {
        List<String> problems = new ArrayList<>();
        for (CellResults c : candidate.cells().values()) {
            CellResults b = baseline.cells().get(c.key());
            if (b == null) {
                continue;
            }
            List<String> diff = WorkloadCheck.differences(b.inputConfig(), c.inputConfig());
            if (!diff.isEmpty()) {
                problems.add((c.key().isEmpty() ? "" : "cell " + c.key() + ": ") + String.join("; ", diff));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("baseline and candidate measured different workloads ("
                    + String.join(" | ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? " | and " + (problems.size() - 3) + " more cells" : "")
                    + "); compare runs of the same config, or refresh the baseline");
        }
    }
}
