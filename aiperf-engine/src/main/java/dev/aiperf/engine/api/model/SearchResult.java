package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an adaptive search: every iteration as a cell of {@link #profile()}, and what the search found.
 *
 * @param profile           the iterations as cells, the sweep aggregate's summary and the failed runs
 * @param iterations        every iteration, in order
 * @param bestTrials        the best iteration of a single-objective search, or the frontier of a multi-objective one
 * @param searchBoundary    the feasible/infeasible boundary of a one-dimensional search, or {@code null}
 * @param objectives        how many objectives the search had
 * @param slaFilters        the SLA filters a point had to meet to be feasible
 * @param convergenceReason why the search stopped ({@code max_iterations}, {@code monotonic_precision_reached}, ...)
 * @param historyPath       where {@code search_history.json} was written
 */
public record SearchResult(ProfileResult profile, List<SearchIteration> iterations, List<BestTrial> bestTrials,
                           SearchBoundary searchBoundary, int objectives, List<SlaRule> slaFilters,
                           String convergenceReason, Path historyPath) {

    public SearchResult {
        iterations = List.copyOf(iterations);
        bestTrials = List.copyOf(bestTrials);
        slaFilters = List.copyOf(slaFilters);
    }

    /** The best configuration ({path: value}) of a single-objective search, if anything was scored. */
    public Optional<Map<String, Double>> bestConfiguration() {
        return bestTrials.isEmpty() ? Optional.empty() : Optional.of(bestTrials.get(0).iteration().variationValues());
    }

    /** True when at least one iteration passed every SLA filter (vacuously true without filters). */
    public boolean feasibleFound() {
        return iterations.stream().anyMatch(SearchIteration::feasible);
    }

    /** The feasible/infeasible boundary of a one-dimensional search. */
    public Optional<SearchBoundary> boundary() {
        return Optional.ofNullable(searchBoundary);
    }

    /** The Pareto frontier of a multi-objective search (empty for one objective). */
    public List<BestTrial> frontier() {
        return objectives < 2 ? List.of() : bestTrials;
    }

    /** What a gate needs of this search. */
    public SearchSummary summary() {
        return new SearchSummary(historyPath, feasibleFound(), convergenceReason);
    }
}
