package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StopRulesTest {

    private static final List<ObjectiveSpec> MAX = List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"));

    private static List<Observation> single(Double... values) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Map<String, Double> p = Map.of("concurrency", (double) i + 1);
            out.add(values[i] == null ? Observation.failed(p) : Observation.of(p, values[i]));
        }
        return out;
    }

    @Test
    void maxIterationsComesFirst() {
        StopRules rules = new StopRules(3, 2, 2, 0.1, 1);
        assertThat(rules.evaluate(single(1.0, 1.0, 1.0), MAX)).contains(StopRules.MAX_ITERATIONS);
        assertThat(rules.evaluate(single(1.0, 2.0), MAX)).isEmpty();
    }

    @Test
    void patienceCountsNonImprovingAndFailedIterations() {
        StopRules rules = new StopRules(50, 3, 20, 0.01, 5);
        assertThat(rules.evaluate(single(10.0, 12.0, 12.0, null), MAX)).isEmpty(); // 2 stale: equal is no improvement
        assertThat(rules.evaluate(single(10.0, 12.0, 12.0, null, 11.0), MAX)).contains(StopRules.IMPROVEMENT_PATIENCE);
        assertThat(rules.evaluate(single(10.0, 12.0, 12.0, null, 13.0), MAX)).isEmpty();
        // minimising: smaller is the improvement
        List<ObjectiveSpec> min = List.of(ObjectiveSpec.minimize("request_latency", "p99"));
        assertThat(rules.evaluate(single(10.0, 9.0, 8.0, 7.0), min)).isEmpty();
        assertThat(rules.evaluate(single(10.0, 11.0, 12.0, 13.0), min)).contains(StopRules.IMPROVEMENT_PATIENCE);
    }

    @Test
    void plateauNeedsAFullScoredWindowWithLowCv() {
        StopRules rules = new StopRules(50, 20, 4, 0.01, 5);
        assertThat(rules.evaluate(single(1.0, 100.0, 100.5, 99.8, 100.2), MAX)).contains(StopRules.PLATEAU_CV);
        assertThat(rules.evaluate(single(100.0, 100.5, null, 100.2), MAX)).isEmpty();
        assertThat(rules.evaluate(single(100.0, 110.0, 100.0, 90.0), MAX)).isEmpty();
        // mean ~0 never counts as a plateau
        assertThat(rules.evaluate(single(1e-12, 1e-12, 1e-12, 1e-12), MAX)).isEmpty();
    }

    @Test
    void multiObjectivePatienceUsesFeasibleHypervolumeAfterInitialPoints() {
        List<ObjectiveSpec> two = List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"),
                ObjectiveSpec.minimize("time_to_first_token", "p99"));
        StopRules rules = new StopRules(50, 2, 20, 0.01, 2);
        List<Observation> h = new ArrayList<>();
        h.add(Observation.of(Map.of("c", 1.0), 10, 10));
        h.add(Observation.of(Map.of("c", 2.0), 20, 20));
        h.add(Observation.of(Map.of("c", 3.0), 15, 30)); // dominated: no improvement
        assertThat(rules.evaluate(h, two)).isEmpty();
        h.add(new Observation(Map.of("c", 4.0), new double[]{100, 1}, false, Map.of())); // infeasible: ignored
        assertThat(rules.evaluate(h, two)).contains(StopRules.IMPROVEMENT_PATIENCE);
        h.remove(3);
        h.add(Observation.of(Map.of("c", 4.0), 19, 12)); // new front point: improvement
        assertThat(rules.evaluate(h, two)).isEmpty();
    }

    @Test
    void validatesRanges() {
        assertThatThrownBy(() -> new StopRules(1, 10, 8, 0.01, 5)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_iterations must be in 2..200");
        assertThatThrownBy(() -> new StopRules(30, 1, 8, 0.01, 5)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("improvement_patience");
    }
}
