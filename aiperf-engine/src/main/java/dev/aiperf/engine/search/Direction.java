package dev.aiperf.engine.search;

/** Whether an objective is to be made as large or as small as possible. */
public enum Direction {
    MAXIMIZE, MINIMIZE;

    /** The value in "smaller is better" form: negated when maximising, so minimisation code serves both. */
    public double toMinimisation(double value) {
        return this == MAXIMIZE ? -value : value;
    }

    /** True if {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }
}
