package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.BestTrial;
import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.sweep.OutcomeConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code search_history.json} holds: the search configuration, one entry per iteration, and the
 * derived {@link #bestTrials()} and {@link #boundarySummary()}. Immutable; the loop builds a new one per
 * iteration with {@link #withIteration} and finishes with {@link #withConvergenceReason}.
 *
 * @param recipe            the search recipe's name, or null
 * @param convergenceReason why the search stopped; null while it is still running
 * @param convergenceDetail a sentence on what the stop left undone (e.g. a boundary search stopped by its budget
 *                          before its precision: the bracket reached and the budget that would have sufficed), or
 *                          null
 */
public record SearchHistory(Config config, List<SearchIteration> iterations, String recipe, String convergenceReason,
                            String convergenceDetail) {

    /** The {@code config} block. {@code randomSeed} is null when none was set. */
    public record Config(String planner, List<ObjectiveSpec> objectives, List<OutcomeConstraint> outcomeConstraints,
                         int maxIterations, int nInitialPoints, Long randomSeed, int improvementPatience,
                         int plateauWindow, double plateauThreshold, List<Dimension> searchSpace,
                         List<SlaRule> slaFilters) {
        public Config {
            objectives = List.copyOf(objectives);
            outcomeConstraints = outcomeConstraints == null ? List.of() : List.copyOf(outcomeConstraints);
            searchSpace = List.copyOf(searchSpace);
            slaFilters = slaFilters == null ? List.of() : List.copyOf(slaFilters);
        }
    }

    public SearchHistory {
        iterations = List.copyOf(iterations);
    }

    /** A history with no iterations yet. */
    public static SearchHistory start(Config config, String recipe) {
        return new SearchHistory(config, List.of(), recipe, null, null);
    }

    public SearchHistory withIteration(SearchIteration iteration) {
        List<SearchIteration> its = new ArrayList<>(iterations);
        its.add(iteration);
        return new SearchHistory(config, its, recipe, convergenceReason, convergenceDetail);
    }

    public SearchHistory withConvergenceReason(String reason) {
        return new SearchHistory(config, iterations, recipe, reason, null);
    }

    /** The finished history: why it stopped and, when the stop left the search short, what was missing. */
    public SearchHistory withConvergence(String reason, String detail) {
        return new SearchHistory(config, iterations, recipe, reason, detail);
    }

    /**
     * Feasibility first: among scored iterations, the feasible ones if any (else all scored ones). One
     * objective: the argmax/argmin (the earliest on ties). Several: the non-dominated set, each with
     * {@code pareto_rank} 0. {@code feasible_count} is the number of feasible scored iterations. Empty when
     * nothing is scored (written as null).
     */
    public List<BestTrial> bestTrials() {
        List<SearchIteration> scored = iterations.stream().filter(SearchIteration::scored).toList();
        if (scored.isEmpty()) {
            return List.of();
        }
        List<SearchIteration> feasible = scored.stream().filter(SearchIteration::feasible).toList();
        List<SearchIteration> pool = feasible.isEmpty() ? scored : feasible;
        List<Direction> dirs = config.objectives().stream().map(ObjectiveSpec::direction).toList();
        if (dirs.size() == 1) {
            SearchIteration best = pool.get(0);
            for (SearchIteration it : pool) {
                if (dirs.get(0).better(it.objectives()[0], best.objectives()[0])) {
                    best = it;
                }
            }
            return List.of(new BestTrial(best, feasible.size(), 0));
        }
        List<double[]> pts = pool.stream().map(SearchIteration::objectives).toList();
        int[] ranks = ParetoRanking.ranks(pts, dirs);
        List<BestTrial> out = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (ranks[i] == 0) {
                out.add(new BestTrial(pool.get(i), feasible.size(), 0));
            }
        }
        return out;
    }

    /** Boundary between feasible and infeasible values of the single swept dimension; empty when not 1-D. */
    public Optional<SearchBoundary> boundarySummary() {
        if (config.searchSpace().size() != 1) {
            return Optional.empty();
        }
        String path = config.searchSpace().get(0).path();
        SearchBoundary.FeasibleMax fmax = null;
        SearchBoundary.InfeasibleMin imin = null;
        for (SearchIteration it : iterations) {
            Double v = it.variationValues().get(path);
            if (v == null) {
                continue;
            }
            if (it.feasible()) {
                if (fmax == null || v > fmax.value()) {
                    fmax = new SearchBoundary.FeasibleMax(v, it.iterationIdx(), it.scored() ? it.objectiveValues().get(0) : null);
                }
            } else if (imin == null || v < imin.value()) {
                imin = new SearchBoundary.InfeasibleMin(v, it.iterationIdx(), it.firstBreach());
            }
        }
        return Optional.of(new SearchBoundary(path, fmax, imin));
    }
}
