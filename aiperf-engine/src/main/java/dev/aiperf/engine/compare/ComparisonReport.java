package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.plan.RunStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The result of {@link Comparison#compare}: one row per cell and metric, and the trials left out.
 *
 * @param baseline   the baseline directory
 * @param candidate  the candidate directory
 * @param options    the options used
 * @param rows       rows grouped by cell, in the candidate's cell order, metrics in option order
 * @param exclusions trials left out because they failed or were cancelled: baseline first, then candidate, each in
 *                   cell and trial order
 */
public record ComparisonReport(Path baseline, Path candidate, CompareOptions options, List<ComparisonRow> rows,
                               List<Exclusion> exclusions) {

    /** The side named in {@link Exclusion#side()} for the baseline. */
    public static final String BASELINE = "baseline";
    /** The side named in {@link Exclusion#side()} for the candidate. */
    public static final String CANDIDATE = "candidate";

    public ComparisonReport {
        rows = List.copyOf(rows);
        exclusions = List.copyOf(exclusions);
    }

    /**
     * A trial of one side left out of the comparison.
     *
     * @param side    {@value #BASELINE} or {@value #CANDIDATE}
     * @param cellKey the cell's canonical key, empty without a sweep
     * @param cell    the cell's display label
     * @param trial   the trial and why it was left out
     */
    public record Exclusion(String side, String cellKey, String cell, ExcludedTrial trial) {

        /**
         * e.g. {@code baseline concurrency=8 trial_0002: cancelled (cancelled by the user)}, or without a sweep
         * {@code candidate run_0003: failed (All 200 requests failed: connection_error x200)}.
         */
        public String line() {
            return side + (cellKey.isEmpty() ? "" : " " + cell) + " " + trial.describe();
        }
    }

    /** One line per trial left out, see {@link Exclusion#line()}; empty when every trial counted. */
    public List<String> excluded() {
        return exclusions.stream().map(Exclusion::line).toList();
    }

    /** The trials of one side that were left out. */
    public List<Exclusion> excluded(String side) {
        return exclusions.stream().filter(e -> e.side().equals(side)).toList();
    }

    /**
     * How many trials each side left out and why, e.g. {@code 1 baseline trial (cancelled), 0 candidate trials} or
     * {@code 3 baseline trials (2 failed, 1 cancelled), 1 candidate trial (failed)}.
     */
    public String exclusionSummary() {
        return count(BASELINE) + ", " + count(CANDIDATE);
    }

    private String count(String side) {
        List<Exclusion> left = excluded(side);
        String head = left.size() + " " + side + " trial" + (left.size() == 1 ? "" : "s");
        if (left.isEmpty()) {
            return head;
        }
        Map<RunStatus.Status, Long> byStatus = left.stream().collect(Collectors.groupingBy(e -> e.trial().status(),
                TreeMap::new, Collectors.counting()));
        return head + " (" + (byStatus.size() == 1 ? byStatus.keySet().iterator().next().json()
                : byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().json())
                .collect(Collectors.joining(", "))) + ")";
    }

    /** The rows with the given verdict. */
    public List<ComparisonRow> rows(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).toList();
    }

    /** The regressed rows. */
    public List<ComparisonRow> regressions() {
        return rows(Verdict.REGRESSION);
    }

    /** True when at least one row is a regression: the gate fails. */
    public boolean hasRegression() {
        return !regressions().isEmpty();
    }

    /** The overall verdict: REGRESSION if any row regressed, else IMPROVEMENT if any improved, else NO_CHANGE. */
    public Verdict overall() {
        if (hasRegression()) {
            return Verdict.REGRESSION;
        }
        return rows(Verdict.IMPROVEMENT).isEmpty() ? Verdict.NO_CHANGE : Verdict.IMPROVEMENT;
    }

    /** One line per regression, e.g. {@code concurrency=10 request_latency_p99: 120.50 ms -> 140.20 ms (+16.3%, p=0.0012)}. */
    public List<String> regressionLines() {
        return regressions().stream().map(ComparisonReport::line).toList();
    }

    static String line(ComparisonRow r) {
        String unit = r.unit().isEmpty() ? "" : " " + r.unit();
        return r.cell() + " " + r.metric().key() + ": " + Format.number(r.baselineMean()) + unit + " -> "
                + Format.number(r.candidateMean()) + unit + " (" + Format.percent(r.deltaPercent())
                + (r.tested() ? ", p=" + Format.pValue(r.pValue()) : ", tolerance only") + ")";
    }
}
