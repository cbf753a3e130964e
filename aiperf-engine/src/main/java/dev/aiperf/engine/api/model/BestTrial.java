package dev.aiperf.engine.api.model;

/**
 * An entry of a search's {@code best_trials}: the best iteration of a single-objective search, or one point of a
 * multi-objective search's frontier.
 *
 * @param iteration     the iteration
 * @param feasibleCount how many scored iterations were feasible
 * @param paretoRank    0 (only the non-dominated set is kept)
 */
public record BestTrial(SearchIteration iteration, int feasibleCount, int paretoRank) {
}
