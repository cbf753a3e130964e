package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonotonicSlaPlannerTest {

    private static final Dimension CONCURRENCY =
            Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);

    /** Drives the planner with a deterministic pass/fail oracle; returns it once it stops. */
    private static MonotonicSlaPlanner run(Dimension d, DoublePredicate passes) {
        MonotonicSlaPlanner p = new MonotonicSlaPlanner(d);
        for (int i = 0; i < 200 && p.stopReason().isEmpty(); i++) {
            Map<String, Double> point = p.ask();
            boolean ok = passes.test(point.get(d.path()));
            p.tell(new Observation(point, new double[]{1.0}, ok, Map.of()));
        }
        return p;
    }

    @Test
    void findsAStepBoundaryWithin5PercentInAtMostLog2RangePlus4Probes() {
        // Holds for boundaries up to hi/4: above that the doubling phase alone needs log2(range) + 1 probes
        // and the bracket [2^k, 2^(k+1)] still needs 4 geometric bisections (see the worst-case test).
        double bound = Math.log(CONCURRENCY.hi() - CONCURRENCY.lo() + 1) / Math.log(2) + 4; // 13.97
        for (int boundary : new int[]{3, 10, 37, 100, 150, 200, 250}) {
            MonotonicSlaPlanner p = run(CONCURRENCY, c -> c <= boundary);
            assertThat(p.stopReason()).contains(MonotonicSlaPlanner.PRECISION_REACHED);
            double fmax = p.feasibleMax().orElseThrow();
            double imin = p.infeasibleMin().orElseThrow();
            assertThat(fmax).isLessThanOrEqualTo(boundary);
            assertThat(imin).isGreaterThan(boundary);
            assertThat((boundary - fmax) / boundary).as("boundary %s", boundary).isLessThan(0.05);
            // runs = probes (each a verdict of 2 agreeing trials); trials = 2 × probes when trials agree
            assertThat(p.probes().size()).as("probes for boundary %s", boundary).isLessThanOrEqualTo((int) bound);
            assertThat(p.observations()).hasSize(2 * p.probes().size());
        }
    }

    @Test
    void worstCaseProbeCountIsCeilLog2RangePlus5() {
        // Documented bound: ceil(log2(hi/lo)) + 1 doubling probes and at most 4 geometric bisections.
        int worst = 0;
        for (int boundary = 1; boundary < 1000; boundary++) {
            final int b = boundary;
            MonotonicSlaPlanner p = run(CONCURRENCY, c -> c <= b);
            assertThat(p.stopReason()).contains(MonotonicSlaPlanner.PRECISION_REACHED);
            double fmax = p.feasibleMax().orElseThrow();
            assertThat((b - fmax) / b).isLessThan(0.05);
            worst = Math.max(worst, p.probes().size());
        }
        assertThat(worst).isEqualTo(10 + 5);
    }

    @Test
    void reportsNoPassAndNoFailure() {
        assertThat(run(CONCURRENCY, c -> false).stopReason()).contains(MonotonicSlaPlanner.NO_PASS_IN_RANGE);
        MonotonicSlaPlanner all = run(CONCURRENCY, c -> true);
        assertThat(all.stopReason()).contains(MonotonicSlaPlanner.NO_FAILURE_IN_RANGE);
        assertThat(all.probes().stream().map(MonotonicSlaPlanner.Probe::value).toList())
                .containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1000.0);
    }

    @Test
    void disagreeingTrialsAreReprobedUntilTwoAgree() {
        MonotonicSlaPlanner p = new MonotonicSlaPlanner(CONCURRENCY);
        Map<String, Double> at1 = p.ask();
        p.tell(new Observation(at1, new double[]{1}, true, Map.of()));
        p.tell(new Observation(at1, new double[]{1}, true, Map.of())); // PP at 1 → pass
        Map<String, Double> at2 = p.ask();
        assertThat(at2.get("concurrency")).isEqualTo(2.0);
        p.tell(new Observation(at2, new double[]{1}, true, Map.of()));
        p.tell(new Observation(at2, new double[]{1}, false, Map.of()));
        assertThat(p.nonMonotonicWarning()).isTrue();
        assertThat(p.ask().get("concurrency")).isEqualTo(2.0); // PF: no verdict yet, same probe again
        p.tell(new Observation(at2, new double[]{1}, true, Map.of()));
        assertThat(p.ask().get("concurrency")).isEqualTo(2.0); // PFP: last two disagree
        p.tell(new Observation(at2, new double[]{1}, false, Map.of())); // PFPF: cap of 4 reached → fail
        assertThat(p.probes().get(1).passed()).isFalse();
        assertThat(p.probes().get(1).trials()).containsExactly(true, false, true, false);
        assertThat(p.stopReason()).contains(MonotonicSlaPlanner.PRECISION_REACHED); // 1 passes, 2 fails
        assertThat(p.feasibleMax()).hasValue(1.0);
    }

    @Test
    void failedRunsCountAsFailingTrials() {
        MonotonicSlaPlanner p = new MonotonicSlaPlanner(CONCURRENCY);
        Map<String, Double> at1 = p.ask();
        p.tell(Observation.failed(at1));
        p.tell(Observation.failed(at1));
        assertThat(p.stopReason()).contains(MonotonicSlaPlanner.NO_PASS_IN_RANGE);
    }

    @Test
    void rejectsANonPositiveLowerBound() {
        assertThatThrownBy(() -> new MonotonicSlaPlanner(Dimension.ofInt("concurrency", 0, 10, Dimension.Prior.UNIFORM)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lo must be > 0");
    }

    @Test
    void realDimensionsBisectToPrecision() {
        Dimension rate = Dimension.ofReal("phases.profiling.rate", 0.5, 64, Dimension.Prior.LOG_UNIFORM);
        MonotonicSlaPlanner p = run(rate, r -> r < 11.3);
        double fmax = p.feasibleMax().orElseThrow();
        double imin = p.infeasibleMin().orElseThrow();
        assertThat((imin - fmax) / imin).isLessThan(0.05);
        assertThat(fmax).isLessThan(11.3);
        assertThat(imin).isGreaterThanOrEqualTo(11.3);
        List<Double> values = p.probes().stream().map(MonotonicSlaPlanner.Probe::value).toList();
        assertThat(values.subList(0, 6)).containsExactly(0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
    }

    @Test
    void worstCaseTrialsIsTheDeepestPassFailPath() {
        // [1, 1000]: 11 doubling probes (1 .. 512, 1000) and 4 bisections, 2 agreeing trials each.
        assertThat(MonotonicSlaPlanner.worstCaseTrials(CONCURRENCY, 2, 0.05)).isEqualTo(30);
        Dimension to256 = Dimension.ofInt("concurrency", 1, 256, Dimension.Prior.LOG_UNIFORM);
        int budget = MonotonicSlaPlanner.worstCaseTrials(to256, 2, 0.05);
        assertThat(budget).isEqualTo(26);
        // The budget is enough for every boundary in the range: the search never needs more trials.
        for (int boundary = 0; boundary <= 256; boundary++) {
            final int b = boundary;
            MonotonicSlaPlanner p = run(to256, c -> c <= b);
            assertThat(p.stopReason()).as("boundary %s", b).isPresent();
            assertThat(p.observations().size()).as("boundary %s", b).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void aBudgetShortOfThePrecisionSaysTheBracketAndTheBudgetThatWouldReachIt() {
        // The README recipe on [1, 256] with the old budget of 20 trials: the boundary at 36 is bracketed in
        // [35, 38] when the budget runs out.
        Dimension to256 = Dimension.ofInt("concurrency", 1, 256, Dimension.Prior.LOG_UNIFORM);
        MonotonicSlaPlanner p = new MonotonicSlaPlanner(to256);
        for (int i = 0; i < 20; i++) {
            Map<String, Double> point = p.ask();
            p.tell(new Observation(point, new double[]{1.0}, point.get("concurrency") <= 36, Map.of()));
        }
        assertThat(p.stopReason()).isEmpty();
        assertThat(p.shortfall()).contains("boundary bracketed in [35, 38], 7.9% wide (target < 5%); at most 4 more"
                + " trial(s) (2 probe(s) of 2 agreeing trials) would reach it: max_iterations 24");
        // 36 passes → [36, 38] is 5.3% wide → 37 fails → [36, 37]: no integer between.
        for (int i = 0; i < 4; i++) {
            Map<String, Double> point = p.ask();
            p.tell(new Observation(point, new double[]{1.0}, point.get("concurrency") <= 36, Map.of()));
        }
        assertThat(p.stopReason()).contains(MonotonicSlaPlanner.PRECISION_REACHED);
        assertThat(p.feasibleMax()).hasValue(36.0);
        assertThat(p.shortfall()).isEmpty();
    }

    @Test
    void aShortfallBeforeTheFirstFailureSaysSo() {
        MonotonicSlaPlanner p = new MonotonicSlaPlanner(CONCURRENCY);
        for (int i = 0; i < 4; i++) {
            Map<String, Double> point = p.ask();
            p.tell(new Observation(point, new double[]{1.0}, true, Map.of()));
        }
        assertThat(p.shortfall().orElseThrow()).startsWith("no failing value yet (largest passing 2, hi 1000)")
                .contains("at most 26 more trial(s) (13 probe(s) of 2 agreeing trials) would reach it: max_iterations 30");
    }
}
