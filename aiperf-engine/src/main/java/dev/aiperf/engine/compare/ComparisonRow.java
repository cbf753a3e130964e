package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.ComparedMetric;

/**
 * The verdict on one metric of one cell.
 *
 * @param cellKey          canonical cell key (empty without a sweep)
 * @param cell             the cell's display label
 * @param metric           the metric compared
 * @param unit             display unit, may be empty
 * @param baselineMean     mean over the baseline trials, NaN when missing
 * @param candidateMean    mean over the candidate trials, NaN when missing
 * @param baselineStd      sample standard deviation of the baseline trials (0 with one trial)
 * @param candidateStd     sample standard deviation of the candidate trials
 * @param baselineTrials   number of baseline trials with a value
 * @param candidateTrials  number of candidate trials with a value
 * @param deltaPercent     (candidate − baseline) / |baseline| × 100, NaN when undefined
 * @param pValue           two-sided Welch's t-test p-value, NaN when not tested (fewer than 2 trials on a side)
 * @param verdict          the outcome
 * @param reason           one sentence saying why
 */
public record ComparisonRow(
        String cellKey,
        String cell,
        ComparedMetric metric,
        String unit,
        double baselineMean,
        double candidateMean,
        double baselineStd,
        double candidateStd,
        int baselineTrials,
        int candidateTrials,
        double deltaPercent,
        double pValue,
        Verdict verdict,
        String reason) {

    /** True when a t-test decided significance (both sides had at least two trials). */
    public boolean tested() {
        return !Double.isNaN(pValue);
    }
}
