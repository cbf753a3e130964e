package dev.aiperf.engine.api.model;

/**
 * The feasible/infeasible boundary of a one-dimensional search ({@code boundary_summary}).
 *
 * @param sweptDimPath  the searched path, e.g. {@code phases.profiling.concurrency}
 * @param feasibleMax   the largest value that met the SLA, or {@code null}
 * @param infeasibleMin the smallest value that broke it, or {@code null}
 */
public record SearchBoundary(String sweptDimPath, FeasibleMax feasibleMax, InfeasibleMin infeasibleMin) {

    /** The largest feasible value tried; {@code objectiveValue} is its first objective, null if unscored. */
    public record FeasibleMax(double value, int iterationIdx, Double objectiveValue) {
    }

    /** The smallest infeasible value tried and the first SLA filter it broke (null if unknown). */
    public record InfeasibleMin(double value, int iterationIdx, SlaBreach firstBreach) {
    }
}
