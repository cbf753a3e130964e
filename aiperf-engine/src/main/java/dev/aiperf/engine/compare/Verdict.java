package dev.aiperf.engine.compare;

/** The outcome of comparing one metric of one cell. */
public enum Verdict {
    /** Worse beyond the tolerance and statistically significant. */
    REGRESSION,
    /** Better beyond the tolerance and statistically significant. */
    IMPROVEMENT,
    /** Within the tolerance, or the difference is not significant. */
    NO_CHANGE,
    /** The metric (or the whole cell) has no value on one side. */
    MISSING
}
