package dev.aiperf.engine.sweep;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.config.SourceLines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepParserTest {

    private static SweepConfig parse(String yaml) {
        return SweepParser.parse(TestEnvelope.node(yaml), SourceLines.NONE);
    }

    private static void rejects(String yaml, String... fragments) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContainingAll(fragments);
    }

    @Test
    void gridIsTheDefaultTypeAndKeysAreSortedAndAliased() {
        SweepConfig s = parse("parameters: {rate: [1, 2], concurrency: [4]}");
        assertThat(s).isInstanceOf(GridSweep.class);
        GridSweep g = (GridSweep) s;
        assertThat(g.parameters().keySet()).containsExactly("phases.profiling.concurrency", "phases.profiling.rate");
        assertThat(g.iterationOrder()).isEqualTo(IterationOrder.REPEATED);
        assertThat(g.sameSeed()).isFalse();
        assertThat(g.common().cooldownSeconds()).isZero();
    }

    @Test
    void commonFieldsAreParsed() {
        GridSweep g = (GridSweep) parse("""
                type: grid
                cooldown_seconds: 30
                iteration_order: independent
                same_seed: true
                recipe_name: concurrency-ramp
                post_process: {handler: degradation_knee_detect, params: {threshold: 0.2}, output_filename: k.json}
                sla_filters:
                  - {metric_tag: time_to_first_token, op: lt, threshold: 200}
                  - {metric_tag: request_throughput, stat: avg, op: ge, threshold: 10}
                parameters: {concurrency: [1, 2]}
                """);
        assertThat(g.common().cooldownSeconds()).isEqualTo(30.0);
        assertThat(g.iterationOrder()).isEqualTo(IterationOrder.INDEPENDENT);
        assertThat(g.sameSeed()).isTrue();
        assertThat(g.common().recipeName()).isEqualTo("concurrency-ramp");
        assertThat(g.common().postProcess().handler()).isEqualTo("degradation_knee_detect");
        assertThat(g.common().postProcess().params().get("threshold").asDouble()).isEqualTo(0.2);
        assertThat(g.common().postProcess().outputFilename()).isEqualTo("k.json");
        assertThat(g.common().slaFilters()).hasSize(2);
        assertThat(g.common().slaFilters().get(0).stat()).isEqualTo("p95");
        assertThat(g.common().slaFilters().get(0).op()).isEqualTo(SlaOp.LT);
        assertThat(g.common().slaFilters().get(1).stat()).isEqualTo("avg");
    }

    @Test
    void unknownKeysNameTheClosestValidKey() {
        rejects("type: grid\nparamters: {concurrency: [1]}", "sweep.paramters", "did you mean 'parameters'");
        rejects("type: gird\nparameters: {concurrency: [1]}", "unknown sweep type 'gird'", "did you mean 'grid'");
        rejects("parameters: {concurrency: [1]}\ncooldown_secs: 3", "did you mean 'cooldown_seconds'");
        rejects("type: sobol\nsamples: 8\nscrambel: true\ndimensions: [{path: rate, lo: 1, hi: 2}]",
                "did you mean 'scramble'");
        rejects("type: adaptive_search\nmax_iterations: 10\niteration_order: repeated\n"
                + "search_space: [{path: concurrency, lo: 1, hi: 10}]\n"
                + "objectives: [{metric: request_throughput, direction: MAXIMIZE}]", "unknown key 'iteration_order'");
        rejects("variables: {concurrency: [1, 2]}", "older spelling", "parameters:");
    }

    @Test
    void valueListsMustBeNonEmptyFiniteAndDistinct() {
        rejects("parameters: {concurrency: []}", "sweep.parameters.concurrency", "empty list");
        rejects("parameters: {concurrency: 4}", "must be a list of values");
        rejects("parameters: {rate: [1.0, NAN]}", "NaN and +/-inf are rejected");
        rejects("parameters: {rate: [1.0, INF]}", "NaN and +/-inf are rejected");
        rejects("parameters: {concurrency: [2, 2, 2]}", "value 2 is repeated in [2, 2, 2]", "would collide");
        rejects("parameters: {rate: [5, 5.0]}", "is repeated");
        rejects("parameters: {}", "at least one parameter");
        rejects("type: grid", "needs 'parameters:'");
    }

    @Test
    void zipListsMustHaveEqualLengthAndDistinctTuples() {
        rejects("type: zip\nparameters: {concurrency: [1, 2, 3], isl: [1, 2]}",
                "zip sweep parameters must all have equal length; got {concurrency=3, isl=2}.");
        ZipSweep z = (ZipSweep) parse("type: zip\nparameters: {isl: [128, 512], osl: [128, 128]}");
        assertThat(z.length()).isEqualTo(2);
        rejects("type: zip\nparameters: {isl: [128, 128], osl: [64, 64]}", "repeats an earlier tuple");
    }

    @Test
    void twoSpellingsOfOnePathAreRejected() {
        rejects("parameters: {concurrency: [1], phases.profiling.concurrency: [2]}",
                "resolves to 'phases.profiling.concurrency', which is already a parameter", "Pick one spelling");
    }

    @Test
    void pathsIntoTheEnvelopeOrWithTheBenchmarkPrefixAreRejected() {
        rejects("parameters: {sweep.type: [grid]}", "targets the sweep config itself");
        rejects("parameters: {multi_run.num_runs: [1, 2]}", "non-sweepable top-level field");
        rejects("parameters: {random_seed: [1, 2]}", "non-sweepable top-level field");
        rejects("parameters: {benchmark.phases.profiling.rate: [1, 2]}", "redundant 'benchmark.' prefix",
                "write 'phases.profiling.rate'");
        rejects("parameters: {phases..rate: [1]}", "empty segment");
        rejects("parameters: {.rate: [1]}", "empty segment");
    }

    @Test
    void scenarioRunsAreChecked() {
        rejects("type: scenarios\nruns: [{name: a, bench: {}}]", "sweep run [0]: unknown field(s) [bench]",
                "allowed: [name, variables, benchmark, values]");
        rejects("type: scenarios\nruns: [{name: a}, {name: b}, {name: a}]",
                "scenario sweep runs must have unique names; duplicates: [a]");
        rejects("type: scenarios\nruns: [{name: a/b}]", "not a safe directory name");
        rejects("type: scenarios\nruns: [{name: ..}]", "not a safe directory name");
        rejects("type: scenarios\nruns: [{name: '...'}]", "not a safe directory name");
        rejects("type: scenarios\nruns: []", "non-empty list");
        rejects("type: scenarios\nruns: [{name: a, values: {isl: [1, 2]}}]", "must be a scalar");
        rejects("type: scenarios\nruns: [{name: a, benchmark: {phases: [{name: profiling, rate: NAN}]}}]",
                "NaN");
        ScenarioSweep s = (ScenarioSweep) parse("type: scenarios\nruns: [{benchmark: {phases: [{name: p, rate: 1}]}}]");
        assertThat(s.warnings()).anyMatch(w -> w.contains("no name") && w.contains("scenario_0"));
    }

    @Test
    void sobolAndLatinHypercubeDimensionRules() {
        SobolSweep s = (SobolSweep) parse("""
                type: sobol
                samples: 16
                seed: 7
                dimensions:
                  - {path: concurrency, lo: 1, hi: 256, scale: log, kind: int}
                  - {path: dataset.prompts.isl, lo: 128.0, hi: 4096.0}
                  - {path: variables.model, choices: [a, b, c]}
                """);
        assertThat(s.samples()).isEqualTo(16);
        assertThat(s.scramble()).isTrue();
        assertThat(s.labelFormat()).isEqualTo(LabelFormat.INDEX);
        assertThat(s.dimensions().get(0).path()).isEqualTo("phases.profiling.concurrency");
        assertThat(s.dimensions().get(1).kind()).isEqualTo(SamplingDimension.ValueKind.REAL);
        assertThat(s.warnings()).isEmpty();

        String dims = "dimensions: [{path: rate, lo: 1, hi: 100}]";
        assertThat(parse("type: sobol\nsamples: 12\n" + dims).warnings())
                .anyMatch(w -> w.contains("Sobol balance is best at powers of 2") && w.contains("samples=12")
                        && w.contains("Consider 16."));
        assertThat(parse("type: sobol\nsamples: 8\nscramble: false\n" + dims).warnings())
                .anyMatch(w -> w.contains("all-lo"));
        assertThat(parse("type: latin_hypercube\nsamples: 12\n" + dims).warnings()).isEmpty();
        rejects("type: sobol\nsamples: 1\n" + dims, "between 2 and 1048576");
        rejects("type: sobol\nsamples: 2000000\n" + dims, "between 2 and 1048576");
        rejects("type: sobol\nsamples: 8\ndimensions: []", "at least one dimension");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, lo: 1, hi: 2, choices: [1]}]",
                "provide either (lo, hi) or choices, not both");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate}]", "provide either (lo, hi) or choices, not neither");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, lo: 5, hi: 5}]", "hi (5.0) must be > lo (5.0)");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, lo: 0, hi: 5, scale: log}]", "requires lo > 0");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, lo: 0, hi: INF}]", "finite");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, choices: []}]", "non-empty");
        rejects("type: sobol\nsamples: 8\ndimensions: [{path: rate, lo: 1, hi: 2}, {path: phases.profiling.rate,"
                + " lo: 1, hi: 3}]", "duplicate paths are rejected");
        assertThat(parse("type: sobol\nsamples: 8\ndimensions: [{path: concurrency, lo: 1, hi: 2, kind: int}]")
                .warnings()).anyMatch(w -> w.contains("narrow"));
        assertThat(parse("type: sobol\nsamples: 8\ndimensions: [{path: concurrency, lo: 2, hi: 6, kind: int,"
                + " scale: log}]").warnings()).anyMatch(w -> w.contains("narrow"));
        LatinHypercubeSweep l = (LatinHypercubeSweep) parse("type: latin_hypercube\nsamples: 5\n" + dims);
        assertThat(l.optimization()).isEqualTo("random-cd");
        assertThat(((LatinHypercubeSweep) parse("type: latin_hypercube\nsamples: 5\noptimization: null\n" + dims))
                .optimization()).isNull();
        String twoDims = "dimensions: [{path: rate, lo: 1, hi: 2}, {path: concurrency, lo: 1, hi: 64}]\n";
        assertThat(((LatinHypercubeSweep) parse("type: latin_hypercube\nsamples: 5\noptimization: lloyd\n" + twoDims))
                .optimization()).isEqualTo("lloyd");
        rejects("type: latin_hypercube\nsamples: 5\noptimization: lloyd\ndimensions: [{path: rate, lo: 1, hi: 2}]",
                "sweep.optimization: 'lloyd' moves points towards their Voronoi cells' centroids, which needs at least"
                        + " 2 dimensions; use 'random-cd' (the default) or null for one dimension");
        rejects("type: latin_hypercube\nsamples: 513\noptimization: lloyd\n" + twoDims,
                "sweep.optimization: 'lloyd' relaxes designs of at most 512 samples (its cost grows with samples"
                        + " squared); got samples=513; use 'random-cd' (the default) for larger designs");
    }

    @Test
    void adaptiveSearchFieldsDefaultsAndValidations() {
        String base = """
                type: adaptive_search
                max_iterations: 30
                search_space: [{path: concurrency, lo: 1, hi: 1000, kind: int, prior: log-uniform}]
                objectives: [{metric: output_token_throughput, direction: MAXIMIZE}]
                """;
        AdaptiveSearchSweep a = (AdaptiveSearchSweep) parse(base);
        assertThat(a.planner()).isEqualTo("bayesian");
        assertThat(a.nInitialPoints()).isEqualTo(5);
        assertThat(a.plateauWindow()).isEqualTo(8);
        assertThat(a.plateauThreshold()).isEqualTo(0.01);
        assertThat(a.improvementPatience()).isEqualTo(10);
        assertThat(a.randomSeed()).isNull();
        assertThat(a.optunaSampler()).isEqualTo("botorch");
        assertThat(a.objectivePooling()).isEqualTo("mean");
        assertThat(a.monotonicStabilityTrials()).isEqualTo(2);
        assertThat(a.slaPrecision()).isEqualTo("normal");
        assertThat(a.requestsPerProbe()).isEqualTo(1000);
        assertThat(a.constraintMode()).isEqualTo("penalty");
        assertThat(a.objectives().get(0).stat()).isEqualTo("avg");
        assertThat(a.searchSpace().get(0).path()).isEqualTo("phases.profiling.concurrency");
        assertThat(a.searchSpace().get(0).prior()).isEqualTo(SearchDimension.Prior.LOG_UNIFORM);

        rejects(base.replace("max_iterations: 30", "max_iterations: 30\nn_initial_points: 30"),
                "n_initial_points (30) must be < max_iterations (30); otherwise the GP never fits.");
        assertThat(parse(base.replace("max_iterations: 30", "max_iterations: 3\nn_initial_points: 5\n"
                + "planner: monotonic_sla"))).isInstanceOf(AdaptiveSearchSweep.class);
        rejects(base.replace("max_iterations: 30\n", ""), "max_iterations", "is required");
        rejects(base.replace("max_iterations: 30", "max_iterations: 201"), "between 2 and 200");
        rejects(base.replace("lo: 1, hi: 1000", "lo: 0, hi: 1000"), "log-uniform requires lo > 0");
        rejects(base.replace("lo: 1, hi: 1000", "lo: 10, hi: 1"), "hi (1.0) must be > lo (10.0)");
        rejects(base.replace("MAXIMIZE", "UP"), "must be MAXIMIZE or MINIMIZE");
        rejects(base + "optuna_acquisition: qehvi\n", "needs at least 2 objectives");
        rejects(base.replace("objectives: [{metric: output_token_throughput, direction: MAXIMIZE}]",
                "objectives: [{metric: a, direction: MAXIMIZE}, {metric: b, direction: MINIMIZE}]")
                + "optuna_acquisition: logei\n", "needs exactly 1 objective");
        rejects(base + "outcome_constraints: [{metric: x, op: '<', bound: 1}]", "is not one of [<=, >=, ==]");
        rejects(base + "sla_filters: [{metric_tag: '', op: lt, threshold: 1}]", "metric_tag", "blank");
        rejects(base + "sla_filters: [{metric_tag: ttft, op: lt, threshold: NAN}]", "finite");
        rejects(base + "plateau_window: 1", "between 2");
        rejects(base.replace("search_space: [{path: concurrency, lo: 1, hi: 1000, kind: int, prior: log-uniform}]",
                "search_space: [{path: concurrency, lo: 1, hi: 9}, {path: phases.profiling.concurrency, lo: 1, hi: 9}]"),
                "paths must be unique");
        AdaptiveSearchSweep mono = (AdaptiveSearchSweep) parse(base + "planner: monotonic_sla\nplateau_window: 4\n");
        assertThat(mono.warnings()).anyMatch(w -> w.contains("plateau_window") && w.contains("no effect"));
        assertThat(mono.iterationOrder()).isEqualTo(IterationOrder.INDEPENDENT);
    }

    @Test
    void everyProblemOfTheBlockIsReportedAtOnce() {
        rejects("type: sobol\nsamples: 1\nscrambel: true\ndimensions: [{path: rate, lo: 5, hi: 5}]",
                "sweep.scrambel: unknown key 'scrambel'; did you mean 'scramble'?", "2 more problem(s)",
                "sweep.samples: must be between 2 and 1048576; got 1",
                "sweep.dimensions[0].hi: hi (5.0) must be > lo (5.0)");
        rejects("type: adaptive_search\nsearch_space: [{path: concurrency, lo: 1, hi: 9, prior: loguniform}]\n"
                        + "objectives: [{metric: m, direction: UP}]",
                "sweep.search_space[0].prior: 'loguniform' is not one of [uniform, log-uniform]; did you mean"
                        + " 'log-uniform'?",
                "sweep.objectives[0].direction: must be MAXIMIZE or MINIMIZE, got 'UP'",
                "sweep.max_iterations: is required for adaptive_search (2..200)");
    }

    @Test
    void seedsKeepEveryDigit() {
        SobolSweep s = (SobolSweep) parse("type: sobol\nsamples: 8\nseed: 9007199254740993\n"
                + "dimensions: [{path: rate, lo: 1, hi: 2}]");
        assertThat(s.seed()).isEqualTo(9007199254740993L);
        rejects("type: sobol\nsamples: 8\nseed: -1\ndimensions: [{path: rate, lo: 1, hi: 2}]",
                "sweep.seed: must be >= 0; got -1");
        rejects("type: sobol\nsamples: 8\nseed: 1.5\ndimensions: [{path: rate, lo: 1, hi: 2}]",
                "sweep.seed: expected a whole number; got 1.5");
    }

    @Test
    void errorsCarryTheSourceLine() {
        SourceLines lines = path -> path.equals("sweep.parameters.concurrency") ? 17 : 0;
        assertThatThrownBy(() -> SweepParser.parse(TestEnvelope.node("parameters: {concurrency: []}"), lines))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sweep.parameters.concurrency (line 17): ");
    }
}
