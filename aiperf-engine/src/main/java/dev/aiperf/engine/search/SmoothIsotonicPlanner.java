package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Finds the largest value of one dimension that passes the SLA from the SLO <em>margins</em> rather than from pass/fail
 * verdicts alone: a margin says how far a load is from the boundary, so the boundary can be interpolated instead of
 * halved towards.
 *
 * <ol>
 *   <li><b>Bracket</b>: one trial per value, doubling from {@code lo} (clamped to {@code hi}) until the fitted worst
 *       margin is &gt; 0. A failing {@code lo} stops with {@code smooth_isotonic_no_pass_in_range}, a passing
 *       {@code hi} with {@code smooth_isotonic_no_failure_in_range}.</li>
 *   <li><b>Fit</b>: {@link MarginCurve}: per SLO margin, isotonic (PAVA) means over log load joined by a monotone
 *       cubic (PCHIP); the worst margin's root in the fitted bracket is the boundary estimate. The next probe sits
 *       0.45 of the precision (in log load) below the root while the passing end is farther than that, else as far
 *       above it; it stays inside the inner 80% of the bracket, so every probe shrinks it.</li>
 *   <li><b>Cliff guard</b>: when a probe's observed worst margin differs from the fit's prediction by more than 3σ
 *       (σ from repeated loads, at least 5% of the margin's rise across the bracket), the margin is not smooth there
 *       (a cliff such as a queue that suddenly builds) and the rest of the search bisects geometrically.</li>
 *   <li><b>Replicates</b>: once the fitted bracket is narrower than {@code precision}, a residual bootstrap
 *       (200 seeded resamples of the fit's residuals) gives a 95% interval for the boundary. If that interval is
 *       wider than {@code precision} (noisy margins), the estimate is probed again, up to {@value #MAX_REPLICATES}
 *       replicates: {@code smooth_isotonic_precision_reached} when it narrows,
 *       {@code smooth_isotonic_replicates_exhausted} when it does not.</li>
 * </ol>
 * Observations without margins (no SLA margins reported, or a failed run) are judged by their {@code feasible} flag.
 */
public final class SmoothIsotonicPlanner implements SearchPlanner {

    public static final String PRECISION_REACHED = "smooth_isotonic_precision_reached";
    public static final String NO_PASS_IN_RANGE = "smooth_isotonic_no_pass_in_range";
    public static final String NO_FAILURE_IN_RANGE = "smooth_isotonic_no_failure_in_range";
    public static final String REPLICATES_EXHAUSTED = "smooth_isotonic_replicates_exhausted";
    static final int MAX_REPLICATES = 20;
    private static final int BOOTSTRAP_DRAWS = 200;

    private final Dimension dimension;
    private final double precision;
    private final Random random;
    private final List<Observation> observations = new ArrayList<>();
    private final List<MarginCurve.Sample> samples = new ArrayList<>();
    private final List<double[]> rawVerdicts = new ArrayList<>(); // {x, 1 pass / 0 fail}
    private double current;
    private boolean bracketed;
    private boolean cliff;
    private double predicted = Double.NaN;
    private int replicates;
    private double estimate = Double.NaN;
    private double[] interval;
    private String stopReason;

    /**
     * @param dimension the swept dimension; {@code lo} must be &gt; 0 (the bracket doubles from it)
     * @param precision relative width at which the boundary counts as found (0.05)
     * @param seed      seed of the bootstrap
     */
    public SmoothIsotonicPlanner(Dimension dimension, double precision, long seed) {
        if (!(dimension.lo() > 0)) {
            throw new ConfigException("smooth_isotonic: search_space[" + dimension.path()
                    + "].lo must be > 0 because the bracket doubles from lo; got " + dimension.lo());
        }
        if (!(precision > 0 && precision < 1)) {
            throw new ConfigException("smooth_isotonic precision must be in (0, 1); got " + precision);
        }
        this.dimension = dimension;
        this.precision = precision;
        this.random = Seeds.random(seed, 0x150L);
        this.current = dimension.snap(dimension.lo());
    }

    @Override
    public Map<String, Double> ask() {
        if (stopReason != null) {
            throw new IllegalStateException("smooth_isotonic search already stopped: " + stopReason);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        p.put(dimension.path(), current);
        return p;
    }

    @Override
    public void tell(Observation observation) {
        observations.add(observation);
        boolean hasMargins = observation.objectives() != null
                && observation.constraintMargins().values().stream().anyMatch(Double::isFinite);
        if (hasMargins) {
            samples.add(new MarginCurve.Sample(current, observation.constraintMargins()));
        }
        rawVerdicts.add(new double[]{current, observation.feasible() && observation.objectives() != null ? 1 : 0});
        MarginCurve curve = MarginCurve.fit(samples);
        guardCliff(curve, observation);
        double[] bracket = bracket(curve);
        double pass = bracket[0];
        double fail = bracket[1];
        if (!bracketed) {
            if (Double.isNaN(fail)) {
                if (current >= dimension.snap(dimension.hi())) {
                    stopReason = NO_FAILURE_IN_RANGE;
                } else {
                    current = dimension.snap(Math.min(current * 2, dimension.hi()));
                }
                return;
            }
            if (Double.isNaN(pass)) {
                stopReason = NO_PASS_IN_RANGE;
                return;
            }
            bracketed = true;
        }
        if (Double.isNaN(pass) || Double.isNaN(fail)) {
            // Replicates moved the fit so that one end vanished: the range's own ends decide.
            stopReason = Double.isNaN(pass) ? NO_PASS_IN_RANGE : NO_FAILURE_IN_RANGE;
            return;
        }
        boolean narrow = (fail - pass) / fail < precision
                || dimension.kind() == Dimension.Kind.INT && fail - pass <= 1;
        if (!narrow) {
            current = nextProbe(curve, pass, fail);
            predicted = curve == null || cliff ? Double.NaN : curve.at(current);
            return;
        }
        estimate = curve == null ? pass : curve.root(pass, fail);
        interval = curve == null ? new double[]{pass, fail} : bootstrap(pass, fail);
        double width = (interval[1] - interval[0]) / interval[1];
        if (!(width > precision)) {
            stopReason = PRECISION_REACHED;
        } else if (replicates >= MAX_REPLICATES) {
            stopReason = REPLICATES_EXHAUSTED;
        } else {
            replicates++;
            current = dimension.kind() == Dimension.Kind.INT
                    ? Math.min(fail, Math.max(pass, Math.rint(estimate))) : estimate;
            predicted = Double.NaN;
        }
    }

    /** The fitted bracket {largest passing, smallest failing} (NaN where missing); raw verdicts without margins. */
    private double[] bracket(MarginCurve curve) {
        double pass = Double.NaN;
        double fail = Double.NaN;
        for (double[] v : rawVerdicts) {
            double x = v[0];
            boolean ok = curve == null || !hasSampleAt(x) ? v[1] == 1 : curve.at(x) <= 0;
            if (!ok && (Double.isNaN(fail) || x < fail)) {
                fail = x;
            }
        }
        for (double[] v : rawVerdicts) {
            double x = v[0];
            boolean ok = curve == null || !hasSampleAt(x) ? v[1] == 1 : curve.at(x) <= 0;
            if (ok && (Double.isNaN(fail) || x < fail) && (Double.isNaN(pass) || x > pass)) {
                pass = x;
            }
        }
        return new double[]{pass, fail};
    }

    private boolean hasSampleAt(double x) {
        return samples.stream().anyMatch(s -> s.x() == x);
    }

    /** Compares the probe's observed worst margin with the fit's prediction made before it ran. */
    private void guardCliff(MarginCurve curve, Observation observation) {
        if (cliff || Double.isNaN(predicted) || curve == null) {
            return;
        }
        double observed = observation.constraintMargins().values().stream().filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (Double.isFinite(observed) && Math.abs(observed - predicted) > 3 * sigma(curve)) {
            cliff = true;
        }
        predicted = Double.NaN;
    }

    /** Noise of the worst margin: the pooled sd of repeated loads, at least 5% of its rise over the samples. */
    private double sigma(MarginCurve curve) {
        Map<Double, List<Double>> byX = new LinkedHashMap<>();
        for (MarginCurve.Sample s : samples) {
            double worst = s.margins().values().stream().filter(Double::isFinite).mapToDouble(Double::doubleValue)
                    .max().orElse(Double.NaN);
            byX.computeIfAbsent(s.x(), k -> new ArrayList<>()).add(worst);
        }
        double ss = 0;
        int dof = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<Double> ys : byX.values()) {
            double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (double y : ys) {
                ss += (y - mean) * (y - mean);
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
            dof += ys.size() - 1;
        }
        double pooled = dof > 0 ? Math.sqrt(ss / dof) : 0;
        return Math.max(pooled, 0.05 * (hi - lo));
    }

    private double nextProbe(MarginCurve curve, double pass, double fail) {
        double a = Math.log(pass);
        double b = Math.log(fail);
        double target;
        if (curve == null || cliff) {
            target = (a + b) / 2;
        } else {
            double t = Math.log(curve.root(pass, fail));
            double step = -0.45 * Math.log(1 - precision);
            target = t - a > step ? t - step : t + step;
            target = Math.min(b - 0.1 * (b - a), Math.max(a + 0.1 * (b - a), target));
        }
        double x = Math.exp(target);
        if (dimension.kind() == Dimension.Kind.INT) {
            return Math.min(fail - 1, Math.max(pass + 1, Math.rint(x)));
        }
        return dimension.snap(x);
    }

    /** 95% residual-bootstrap interval of the boundary within the fitted bracket. */
    private double[] bootstrap(double pass, double fail) {
        MarginCurve curve = MarginCurve.fit(samples);
        Map<String, double[]> residuals = new LinkedHashMap<>();
        for (MarginCurve.Sample s : samples) {
            s.margins().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    double[] old = residuals.getOrDefault(k, new double[0]);
                    double[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = v - curve.fitted(k, s.x());
                    residuals.put(k, grown);
                }
            });
        }
        double[] roots = new double[BOOTSTRAP_DRAWS];
        int n = 0;
        for (int draw = 0; draw < BOOTSTRAP_DRAWS; draw++) {
            List<MarginCurve.Sample> resampled = new ArrayList<>();
            for (MarginCurve.Sample s : samples) {
                Map<String, Double> m = new LinkedHashMap<>();
                s.margins().forEach((k, v) -> {
                    if (Double.isFinite(v)) {
                        double[] r = residuals.get(k);
                        m.put(k, curve.fitted(k, s.x()) + r[random.nextInt(r.length)]);
                    }
                });
                resampled.add(new MarginCurve.Sample(s.x(), m));
            }
            MarginCurve c = MarginCurve.fit(resampled);
            double p = c.fittedPassMax();
            double f = c.fittedFailMin();
            roots[n++] = Double.isNaN(p) ? pass : Double.isNaN(f) ? fail : c.root(Math.min(p, f), Math.max(p, f));
        }
        double[] sorted = Arrays.copyOf(roots, n);
        Arrays.sort(sorted);
        return new double[]{sorted[(int) Math.floor(0.025 * (n - 1))], sorted[(int) Math.ceil(0.975 * (n - 1))]};
    }

    @Override
    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    @Override
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** The fitted boundary (root of the worst margin) once the bracket was narrow enough. */
    public OptionalDouble boundaryEstimate() {
        return Double.isNaN(estimate) ? OptionalDouble.empty() : OptionalDouble.of(estimate);
    }

    /** The 95% bootstrap interval {lo, hi} of {@link #boundaryEstimate()}, if computed. */
    public Optional<double[]> boundaryInterval() {
        return Optional.ofNullable(interval == null ? null : interval.clone());
    }

    /** True once the cliff guard switched to bisection. */
    public boolean cliffDetected() {
        return cliff;
    }

    /** Replicates spent at the estimate. */
    public int replicates() {
        return replicates;
    }

    /** The largest passing load of the fit, the boundary's safe side. */
    public OptionalDouble feasibleMax() {
        double p = bracket(MarginCurve.fit(samples))[0];
        return Double.isNaN(p) ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** Like {@link MonotonicSlaPlanner#shortfall()}: what a stop on the budget left undone. */
    public Optional<String> shortfall() {
        if (stopReason != null) {
            return Optional.empty();
        }
        double[] b = bracket(MarginCurve.fit(samples));
        if (Double.isNaN(b[0]) || Double.isNaN(b[1])) {
            return Optional.of("no bracket yet (still doubling at " + MonotonicBracket.num(current) + ")");
        }
        return Optional.of(String.format(Locale.ROOT, "fitted bracket [%s, %s], %.1f%% wide (target < %s%%)%s",
                MonotonicBracket.num(b[0]), MonotonicBracket.num(b[1]), 100 * (b[1] - b[0]) / b[1],
                MonotonicBracket.num(100 * precision), replicates > 0 ? "; " + replicates + " replicate(s) spent"
                        + " narrowing the bootstrap interval" : ""));
    }
}
