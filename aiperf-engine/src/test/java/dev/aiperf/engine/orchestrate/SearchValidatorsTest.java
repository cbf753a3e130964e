package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every combination of adaptive-search settings that is refused, with the message a user sees: the validators of
 * AIPerf's {@code AdaptiveSearchSweep} (docs/SEARCH.md, "Values" and "planner: optuna") and the ones this engine
 * adds where a knob cannot mean what Optuna means by it. Each message names the key and the fix.
 */
class SearchValidatorsTest {

    private static final String ONE_OBJECTIVE = "[{metric: output_token_throughput, direction: MAXIMIZE}]";
    private static final String TWO_OBJECTIVES = "[{metric: output_token_throughput, direction: MAXIMIZE},"
            + " {metric: request_latency, direction: MINIMIZE}]";

    private static String yaml(String objectives, String extra) {
        return """
                benchmark:
                  endpoint: {type: chat, streaming: true}
                  phases:
                    - {name: profiling, type: concurrency, requests: 8, concurrency: 1}
                sweep:
                  type: adaptive_search
                  max_iterations: 30
                  search_space: [{path: concurrency, lo: 1, hi: 1000, kind: int, prior: log-uniform}]
                  objectives: %s
                  sla_filters: [{metric_tag: time_to_first_token, stat: p95, op: lt, threshold: 300}]
                %s""".formatted(objectives, extra.indent(2));
    }

    private static AdaptiveSearchSweep accept(String objectives, String extra) {
        AIPerfConfig config = ConfigLoader.loadString(yaml(objectives, extra), "search.yaml", Map.of());
        return SearchSetup.validate(config);
    }

    private static void refuses(String objectives, String extra, String message) {
        assertThatThrownBy(() -> accept(objectives, extra)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void singleObjectiveAcquisitionsNeedExactlyOneObjective() {
        for (String acq : List.of("logei", "qlogei", "qnei", "qlognei")) {
            refuses(TWO_OBJECTIVES, "planner: optuna\noptuna_acquisition: " + acq, "sweep.optuna_acquisition: '" + acq
                    + "' is a single-objective acquisition and needs exactly 1 objective, got 2; use one of"
                    + " [qehvi, qnehvi, qlognehvi]");
            assertThat(accept(ONE_OBJECTIVE, "planner: optuna\noptuna_acquisition: " + acq).optunaAcquisition())
                    .isEqualTo(acq);
        }
    }

    @Test
    void multiObjectiveAcquisitionsNeedAtLeastTwoObjectives() {
        for (String acq : List.of("qehvi", "qnehvi", "qlognehvi")) {
            refuses(ONE_OBJECTIVE, "planner: optuna\noptuna_acquisition: " + acq, "sweep.optuna_acquisition: '" + acq
                    + "' is a multi-objective acquisition and needs at least 2 objectives, got 1; use one of"
                    + " [logei, qlogei, qnei, qlognei]");
            assertThat(accept(TWO_OBJECTIVES, "planner: optuna\noptuna_acquisition: " + acq).optunaAcquisition())
                    .isEqualTo(acq);
        }
    }

    @Test
    void surrogatePlannersNeedMoreIterationsThanInitialPoints() {
        for (String planner : List.of("bayesian", "optuna")) {
            refuses(ONE_OBJECTIVE, "planner: " + planner + "\nn_initial_points: 30", "sweep.n_initial_points:"
                    + " n_initial_points (30) must be < max_iterations (30); otherwise the GP never fits.");
        }
    }

    @Test
    void stopRuleKnobsWithAOneDimensionalPlannerOnlyWarn() {
        for (String planner : List.of("monotonic_sla", "smooth_isotonic")) {
            AdaptiveSearchSweep s = accept(ONE_OBJECTIVE, "planner: " + planner + "\nplateau_window: 4\n"
                    + "improvement_patience: 3");
            assertThat(s.common().warnings()).contains("sweep: [plateau_window, improvement_patience] have no effect"
                    + " with planner '" + planner + "', which stops on its own precision rule");
        }
    }

    @Test
    void optunaKnobsWithoutPlannerOptunaOnlyWarn() {
        AdaptiveSearchSweep s = accept(ONE_OBJECTIVE, "planner: bayesian\noptuna_sampler: tpe");
        assertThat(s.common().warnings()).contains("sweep: [optuna_sampler] have no effect with planner 'bayesian';"
                + " they choose the sampler, acquisition and terminator of planner: optuna");
    }

    @Test
    void optunaKnobsWithoutAMeaningHereAreRefusedWithTheAlternative() {
        refuses(ONE_OBJECTIVE, "planner: optuna\noptuna_terminator: emmr", "sweep.optuna_terminator: 'emmr'"
                + " (expected minimum model regret) compares consecutive GP posteriors through a KL bound this engine"
                + " does not compute; use 'regret' (posterior regret bound) or 'none'");
        refuses(TWO_OBJECTIVES, "planner: optuna\noptuna_terminator: regret", "sweep.optuna_terminator: 'regret'"
                + " bounds the regret of one objective; with 2 objectives use 'none' (improvement_patience and"
                + " plateau_cv still apply)");
        refuses(ONE_OBJECTIVE, "planner: optuna\noptuna_sampler: tpe\noptuna_acquisition: logei",
                "sweep.optuna_acquisition: 'logei' is an acquisition function of a GP sampler; optuna_sampler 'tpe'"
                        + " proposes by its density ratio l(x)/g(x) and has none; remove optuna_acquisition or use"
                        + " optuna_sampler 'botorch'");
        refuses(ONE_OBJECTIVE, "planner: optuna\noptuna_sampler: tpe\nconstraint_mode: eic",
                "sweep.constraint_mode: 'eic' weights a GP acquisition by the probability of feasibility;"
                        + " optuna_sampler 'tpe' has no acquisition to weight; use constraint_mode 'penalty' or"
                        + " optuna_sampler 'botorch'");
        refuses(TWO_OBJECTIVES, "planner: optuna\noptuna_sampler: tpe", "sweep.optuna_sampler: 'tpe' is"
                + " single-objective here (no MOTPE); with 2 objectives use optuna_sampler 'botorch' or 'gp'"
                + " (expected hypervolume improvement)");
        refuses(ONE_OBJECTIVE, "planner: optuna\noptuna_sampler: gp\noptuna_acquisition: qnei",
                "sweep.optuna_acquisition: optuna_sampler 'gp' has a fixed acquisition ('logei' with 1"
                        + " objective(s)); 'qnei' needs optuna_sampler 'botorch'");
        refuses(TWO_OBJECTIVES, "planner: optuna\noptuna_sampler: gp\noptuna_acquisition: qlognehvi",
                "sweep.optuna_acquisition: optuna_sampler 'gp' has a fixed acquisition ('qehvi' with 2"
                        + " objective(s)); 'qlognehvi' needs optuna_sampler 'botorch'");
        // What is accepted: the knobs this engine maps (docs/SEARCH.md, "planner: optuna").
        assertThat(accept(ONE_OBJECTIVE, "planner: optuna\noptuna_sampler: tpe\noptuna_terminator: regret")
                .optunaSampler()).isEqualTo("tpe");
        assertThat(accept(ONE_OBJECTIVE, "planner: optuna\noptuna_sampler: gp\noptuna_acquisition: logei\n"
                + "constraint_mode: eic").constraintMode()).isEqualTo("eic");
    }

    @Test
    void pooledObjectivesNeedPerRequestMetrics() {
        refuses(ONE_OBJECTIVE, "objective_pooling: pooled", "sweep.objective_pooling: pooled takes the objective's"
                + " stat over the trials' per-request values, but output_token_throughput is measured once per run"
                + " and has none; use objective_pooling: mean, or a per-request metric such as request_latency or"
                + " time_to_first_token");
        assertThat(accept("[{metric: time_to_first_token, stat: p95, direction: MINIMIZE}]",
                "objective_pooling: pooled").objectivePooling()).isEqualTo("pooled");
    }

    @Test
    void boundaryPlannersNeedOneDimensionAndAnSlaFilter() {
        for (String planner : List.of("monotonic_sla", "smooth_isotonic")) {
            assertThatThrownBy(() -> SearchSetup.validate(ConfigLoader.loadString(yaml(ONE_OBJECTIVE,
                    "planner: " + planner).replace("search_space: [{path: concurrency, lo: 1, hi: 1000, kind: int,"
                    + " prior: log-uniform}]", "search_space: [{path: concurrency, lo: 1, hi: 64},"
                    + " {path: rate, lo: 1, hi: 9}]"), "search.yaml", Map.of())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("sweep.search_space: planner " + planner
                            + " searches exactly one dimension; got 2 (use planner bayesian for several)");
            assertThatThrownBy(() -> SearchSetup.validate(ConfigLoader.loadString(yaml(ONE_OBJECTIVE,
                    "planner: " + planner).replace("  sla_filters: [{metric_tag: time_to_first_token, stat: p95,"
                    + " op: lt, threshold: 300}]\n", ""), "search.yaml", Map.of())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("sweep.sla_filters: planner " + planner
                            + " finds the largest value that passes the SLA, so it needs at least one sla_filters"
                            + " entry, e.g. {metric_tag: time_to_first_token, stat: p95, op: lt, threshold: 200}");
        }
    }
}
