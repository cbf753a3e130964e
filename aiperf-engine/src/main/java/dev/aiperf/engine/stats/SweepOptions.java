package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.SlaRule;

import java.util.List;

/**
 * How a sweep is aggregated.
 *
 * @param confidenceLevel e.g. 0.95
 * @param sweepMode       {@code repeated} or {@code independent} (recorded in the metadata)
 * @param slaFilters      rules a cell must pass to be feasible; empty for none
 * @param paretoAxes      labels of the Pareto axes a recipe wants recorded, or {@code null}
 */
public record SweepOptions(double confidenceLevel, String sweepMode, List<SlaRule> slaFilters, List<String> paretoAxes) {
    public SweepOptions {
        ConfidenceAggregator.validateLevel(confidenceLevel);
        slaFilters = slaFilters == null ? List.of() : List.copyOf(slaFilters);
        paretoAxes = paretoAxes == null ? null : List.copyOf(paretoAxes);
    }

    /** 95 % intervals, repeated mode, no SLA filters. */
    public static SweepOptions defaults() {
        return new SweepOptions(0.95, "repeated", List.of(), null);
    }
}
