package dev.aiperf.engine.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One iteration of an adaptive search: the point tried and what it scored.
 *
 * @param iterationIdx        0-based; the directory is {@code search_iter_NNNN}
 * @param variationValues     searched path to the value tried
 * @param objectiveValues     one value per objective (mean over successful trials), or {@code null} when every trial
 *                            failed or a metric was missing
 * @param feasible            whether the SLA filters held
 * @param nonMonotonicWarning the trials of a boundary search disagreed
 * @param firstBreach         the first SLA filter that failed, or {@code null}
 */
public record SearchIteration(int iterationIdx, Map<String, Double> variationValues, List<Double> objectiveValues,
                              boolean feasible, boolean nonMonotonicWarning, SlaBreach firstBreach) {

    public SearchIteration {
        variationValues = Collections.unmodifiableMap(new LinkedHashMap<>(variationValues));
        objectiveValues = objectiveValues == null ? null : List.copyOf(objectiveValues);
    }

    /** True when every objective has a finite value. */
    public boolean scored() {
        if (objectiveValues == null) {
            return false;
        }
        for (Double v : objectiveValues) {
            if (v == null || !Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The objective values as an array; only for {@link #scored()} iterations. */
    public double[] objectives() {
        return objectiveValues.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
