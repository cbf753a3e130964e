package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.search.SearchHistory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an adaptive search: every iteration as a cell of {@link #profile()}, and what the search found.
 *
 * @param profile     the iterations as cells, the sweep aggregate and the failed runs (exit codes work on it)
 * @param history     the final {@code search_history.json} content, with its convergence reason
 * @param historyPath where {@code search_history.json} was written
 */
public record SearchResult(ProfileResult profile, SearchHistory history, Path historyPath) {

    /** Why the search stopped ({@code max_iterations}, {@code monotonic_precision_reached}, ...). */
    public String convergenceReason() {
        return history.convergenceReason();
    }

    /** The best trials: one for a single objective, the non-dominated feasible set for several. */
    public List<SearchHistory.BestTrial> bestTrials() {
        return history.bestTrials();
    }

    /** The best configuration ({path: value}) of a single-objective search, if anything was scored. */
    public Optional<Map<String, Double>> bestConfiguration() {
        List<SearchHistory.BestTrial> best = history.bestTrials();
        return best.isEmpty() ? Optional.empty() : Optional.of(best.get(0).iteration().variationValues());
    }

    /** True when at least one iteration passed every SLA filter (vacuously true without filters). */
    public boolean feasibleFound() {
        return history.iterations().stream().anyMatch(SearchHistory.Iteration::feasible);
    }

    /** The feasible/infeasible boundary of a one-dimensional search. */
    public Optional<SearchHistory.BoundarySummary> boundary() {
        return history.boundarySummary();
    }

    /** The Pareto frontier of a multi-objective search (empty for one objective). */
    public List<SearchHistory.BestTrial> frontier() {
        return history.config().objectives().size() < 2 ? List.of() : history.bestTrials();
    }
}
