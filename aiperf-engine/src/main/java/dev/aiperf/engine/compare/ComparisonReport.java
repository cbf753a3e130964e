package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link Comparison#compare}: one row per cell and metric.
 *
 * @param baseline   the baseline directory
 * @param candidate  the candidate directory
 * @param options    the options used
 * @param rows       rows grouped by cell, in the candidate's cell order, metrics in option order
 * @param excluded   trials left out because they failed or were cancelled, one line each
 */
public record ComparisonReport(Path baseline, Path candidate, CompareOptions options, List<ComparisonRow> rows,
                               List<String> excluded) {

    public ComparisonReport {
        rows = List.copyOf(rows);
        excluded = List.copyOf(excluded);
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
