package dev.aiperf.engine.sweep;

import dev.aiperf.engine.api.model.ConfigException;

/**
 * A soft constraint on an outcome's average ({@code outcome_constraints}), e.g. {@code error_rate <= 0.01}.
 * It shapes the acquisition (probability of feasibility) but does not remove points from the frontier.
 */
public record OutcomeConstraint(String metric, String op, double bound) {

    public OutcomeConstraint {
        if (metric == null || metric.isBlank()) {
            throw new ConfigException("outcome_constraints: metric must not be blank");
        }
        if (!"<=".equals(op) && !">=".equals(op) && !"==".equals(op)) {
            throw new ConfigException("outcome_constraints[" + metric + "]: op must be one of <=, >=, ==; got '" + op + "'");
        }
        if (!Double.isFinite(bound)) {
            throw new ConfigException("outcome_constraints[" + metric + "]: bound must be finite; got " + bound);
        }
    }

    /** Violation amount for the search planner's constraint margins: &gt; 0 means violated; NaN if missing. */
    public double violation(double observedAverage) {
        if (Double.isNaN(observedAverage)) {
            return Double.NaN;
        }
        return switch (op) {
            case "<=" -> observedAverage - bound;
            case ">=" -> bound - observedAverage;
            default -> Math.abs(observedAverage - bound) - 1e-9 * Math.max(1.0, Math.abs(bound));
        };
    }
}
