package dev.aiperf.engine.api.model;

/**
 * An SLA rule that failed and the value observed.
 *
 * @param rule     the rule
 * @param observed the mean over the successful trials, NaN when the metric was missing
 */
public record SlaBreach(SlaRule rule, double observed) {
}
