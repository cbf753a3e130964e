package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the largest value of one dimension that still passes the SLA, assuming pass below and fail above.
 *
 * <p>Probes double from {@code lo} (clamped to {@code hi}) until the first failing verdict, then bisect
 * between the largest passing and the smallest failing value at their geometric mean (which halves the worst
 * case of the relative gap fastest), until {@code (inf_min − feas_max) / inf_min < precision}
 * ({@code monotonic_precision_reached}; for integer dimensions also when no integer lies strictly between).
 * A failing {@code lo} stops with {@code monotonic_no_pass_in_range}; a passing {@code hi} with
 * {@code monotonic_no_failure_in_range}.
 *
 * <p>Verdicts and trials: one {@link #ask()}/{@link #tell} pair is one <em>trial</em> (one benchmark run).
 * A <em>probe</em> (one value) repeats trials until its last {@code stabilityTrials} trials agree; that
 * shared outcome is the verdict. With the default of 2: PP → pass, FF → fail, PFF → fail, PFPP → pass. If a
 * probe reaches {@code 2·stabilityTrials} trials without agreement, the verdict is fail (a load that cannot
 * hold the SLA reliably does not meet it), and {@link #nonMonotonicWarning()} reports the disagreement. A run
 * without objective values counts as a failing trial.
 */
public final class MonotonicSlaPlanner implements SearchPlanner {

    public static final String PRECISION_REACHED = "monotonic_precision_reached";
    public static final String NO_PASS_IN_RANGE = "monotonic_no_pass_in_range";
    public static final String NO_FAILURE_IN_RANGE = "monotonic_no_failure_in_range";

    /** One decided probe: the value, its trials in order, and the verdict. */
    public record Probe(double value, List<Boolean> trials, boolean passed) {
        public Probe {
            trials = List.copyOf(trials);
        }
    }

    private final Dimension dimension;
    private final int stabilityTrials;
    private final double precision;
    private final List<Observation> observations = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final List<Boolean> currentTrials = new ArrayList<>();
    private double current;
    private MonotonicBracket bracket;
    private String stopReason;
    private boolean warning;

    /**
     * @param dimension       the swept dimension; its {@code lo} must be &gt; 0 (doubling starts there)
     * @param stabilityTrials agreeing trials needed per verdict ({@code monotonic_stability_trials}, default 2)
     * @param precision       relative gap at which to stop (0.05)
     */
    public MonotonicSlaPlanner(Dimension dimension, int stabilityTrials, double precision) {
        if (!(dimension.lo() > 0)) {
            throw new ConfigException("monotonic_sla: search_space[" + dimension.path()
                    + "].lo must be > 0 because probes double from lo; got " + dimension.lo());
        }
        if (stabilityTrials < 1) {
            throw new ConfigException("monotonic_stability_trials must be >= 1; got " + stabilityTrials);
        }
        if (!(precision > 0 && precision < 1)) {
            throw new ConfigException("monotonic precision must be in (0, 1); got " + precision);
        }
        this.dimension = dimension;
        this.stabilityTrials = stabilityTrials;
        this.precision = precision;
        this.bracket = MonotonicBracket.start(dimension, precision);
        this.current = bracket.firstProbe();
    }

    public MonotonicSlaPlanner(Dimension dimension) {
        this(dimension, 2, 0.05);
    }

    @Override
    public Map<String, Double> ask() {
        if (stopReason != null) {
            throw new IllegalStateException("monotonic search already stopped: " + stopReason);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        p.put(dimension.path(), current);
        return p;
    }

    @Override
    public void tell(Observation observation) {
        observations.add(observation);
        boolean pass = observation.feasible() && observation.objectives() != null;
        currentTrials.add(pass);
        int n = currentTrials.size();
        warning = currentTrials.contains(true) && currentTrials.contains(false);
        Boolean verdict = null;
        if (n >= stabilityTrials) {
            boolean last = currentTrials.get(n - 1);
            boolean agree = true;
            for (int i = n - stabilityTrials; i < n; i++) {
                agree &= currentTrials.get(i) == last;
            }
            if (agree) {
                verdict = last;
            } else if (n >= 2 * stabilityTrials) {
                verdict = false;
            }
        }
        if (verdict != null) {
            decide(verdict);
        }
    }

    private void decide(boolean pass) {
        probes.add(new Probe(current, currentTrials, pass));
        currentTrials.clear();
        bracket = bracket.after(current, pass);
        MonotonicBracket.Next next = bracket.next(current);
        if (next instanceof MonotonicBracket.Probe probe) {
            current = probe.value();
        } else {
            stopReason = ((MonotonicBracket.Done) next).reason();
        }
    }

    /**
     * Why the search has not reached its precision yet and what it would still cost, for a caller that stops it
     * on a budget: e.g. {@code "boundary bracketed in [35, 38], 7.9% wide (target < 5%); at most 4 more trials
     * (2 probes of 2 agreeing trials) would reach it: max_iterations 24"}. Empty once the planner stopped by
     * itself.
     */
    public Optional<String> shortfall() {
        if (stopReason != null) {
            return Optional.empty();
        }
        int probesLeft = bracket.worstCaseProbesFrom(current);
        int trialsLeft = Math.max(1, probesLeft * stabilityTrials - currentTrials.size());
        String where = bracket.relativeWidth() >= 0 ? "boundary bracketed in " + bracket.describe()
                : bracket.describe();
        return Optional.of(String.format(Locale.ROOT, "%s (target < %s%%); at most %d more trial(s) (%d probe(s)"
                        + " of %d agreeing trials) would reach it: max_iterations %d", where,
                MonotonicBracket.num(100 * precision), trialsLeft, probesLeft, stabilityTrials,
                observations.size() + trialsLeft));
    }

    /**
     * Trials a whole search over {@code dimension} needs in the worst case when every probe's trials agree:
     * {@code stabilityTrials} × the deepest pass/fail path of the probe rule (15 probes, 30 trials, on
     * [1, 1000] at 5%).
     */
    public static int worstCaseTrials(Dimension dimension, int stabilityTrials, double precision) {
        return stabilityTrials * MonotonicBracket.worstCaseProbes(dimension, precision);
    }

    @Override
    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    @Override
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** True if the trials of the probe that received the latest trial disagree. */
    public boolean nonMonotonicWarning() {
        return warning;
    }

    /** Decided probes in order. */
    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** The largest value with a passing verdict. */
    public OptionalDouble feasibleMax() {
        return bracket.feasibleMax() == null ? OptionalDouble.empty() : OptionalDouble.of(bracket.feasibleMax());
    }

    /** The smallest value with a failing verdict. */
    public OptionalDouble infeasibleMin() {
        return bracket.infeasibleMin() == null ? OptionalDouble.empty() : OptionalDouble.of(bracket.infeasibleMin());
    }
}
