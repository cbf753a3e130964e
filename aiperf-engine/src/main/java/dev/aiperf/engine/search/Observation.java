package dev.aiperf.engine.search;

import java.util.Map;

/**
 * The result of one benchmark at a point, as told to a planner.
 *
 * @param point             {path: value} as the planner proposed it
 * @param objectives        one value per objective in the planner's objective order, or {@code null} when the
 *                          run failed or an objective had no value (the planner substitutes a sentinel)
 * @param feasible          whether every SLA filter passed (hard eligibility)
 * @param constraintMargins violation amount per constraint (SLA filter or outcome constraint), in the metric's
 *                          units: {@code observed - threshold} for lt/le/&lt;=, {@code threshold - observed} for
 *                          gt/ge/&gt;=; {@code > 0} means violated. {@code NaN} means the value was missing.
 *                          May be empty; planners then model {@code feasible} itself.
 */
public record Observation(Map<String, Double> point, double[] objectives, boolean feasible,
                          Map<String, Double> constraintMargins) {

    public Observation {
        point = Map.copyOf(point);
        objectives = objectives == null ? null : objectives.clone();
        constraintMargins = constraintMargins == null ? Map.of() : Map.copyOf(constraintMargins);
    }

    /** A scored, feasible observation without constraints. */
    public static Observation of(Map<String, Double> point, double... objectives) {
        return new Observation(point, objectives, true, Map.of());
    }

    /** A failed run: no objective value, infeasible. */
    public static Observation failed(Map<String, Double> point) {
        return new Observation(point, null, false, Map.of());
    }

    /** True if every objective has a finite value. */
    public boolean scored() {
        if (objectives == null) {
            return false;
        }
        for (double v : objectives) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
