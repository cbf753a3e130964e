package dev.aiperf.engine.sweep;

/**
 * A soft constraint on a metric's average, {@code metric op bound}.
 *
 * @param op one of {@code <=}, {@code >=}, {@code ==}
 */
public record OutcomeConstraint(String metric, String op, double bound) {
}
