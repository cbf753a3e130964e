package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

/**
 * One axis of a search space: a dotted config {@code path} ranging over [{@code lo}, {@code hi}].
 *
 * <p>Planners work in the unit interval; {@link #toUnit} and {@link #fromUnit} map between the two. A
 * log-uniform prior maps in log space, so equal unit steps are equal ratios. Integer dimensions are rounded
 * half to even ({@link Math#rint}) and clamped to [ceil(lo), floor(hi)], as AIPerf's sampling does.
 */
public record Dimension(String path, double lo, double hi, Kind kind, Prior prior) {

    /** Integer or real valued. */
    public enum Kind { INT, REAL }

    /** How the range is explored: uniformly, or uniformly in log space. */
    public enum Prior { UNIFORM, LOG_UNIFORM }

    public Dimension {
        if (path == null || path.isBlank()) {
            throw new ConfigException("search_space: path must not be blank, e.g. phases.profiling.concurrency");
        }
        if (kind == null) {
            kind = Kind.REAL;
        }
        if (prior == null) {
            prior = Prior.UNIFORM;
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new ConfigException("search_space[" + path + "]: lo and hi must be finite; got lo=" + lo + ", hi=" + hi);
        }
        if (!(hi > lo)) {
            throw new ConfigException("search_space[" + path + "]: hi (" + hi + ") must be > lo (" + lo + ")");
        }
        if (prior == Prior.LOG_UNIFORM && lo <= 0) {
            throw new ConfigException("search_space[" + path + "]: a log-uniform prior needs lo > 0; got lo=" + lo
                    + " (use prior uniform or raise lo)");
        }
        if (kind == Kind.INT && Math.floor(hi) < Math.ceil(lo)) {
            throw new ConfigException("search_space[" + path + "]: no integer lies in [" + lo + ", " + hi + "]");
        }
    }

    /** An integer dimension, e.g. concurrency over [1, 1000] log-uniform. */
    public static Dimension ofInt(String path, double lo, double hi, Prior prior) {
        return new Dimension(path, lo, hi, Kind.INT, prior);
    }

    /** A real dimension. */
    public static Dimension ofReal(String path, double lo, double hi, Prior prior) {
        return new Dimension(path, lo, hi, Kind.REAL, prior);
    }

    /** Position of {@code value} in [0, 1] (log space under a log-uniform prior), clamped. */
    public double toUnit(double value) {
        double u = prior == Prior.LOG_UNIFORM
                ? (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
                : (value - lo) / (hi - lo);
        return Math.min(1.0, Math.max(0.0, u));
    }

    /** The value at unit position {@code u}, rounded half to even and clamped for integer dimensions. */
    public double fromUnit(double u) {
        double c = Math.min(1.0, Math.max(0.0, u));
        double v = prior == Prior.LOG_UNIFORM
                ? Math.exp(Math.log(lo) + c * (Math.log(hi) - Math.log(lo)))
                : lo + c * (hi - lo);
        return snap(v);
    }

    /** Rounds (integer kind) and clamps a raw value into the dimension. */
    public double snap(double value) {
        if (kind == Kind.INT) {
            return Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.rint(value)));
        }
        return Math.min(hi, Math.max(lo, value));
    }
}
