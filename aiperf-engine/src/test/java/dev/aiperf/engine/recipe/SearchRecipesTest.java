package dev.aiperf.engine.recipe;

import dev.aiperf.engine.api.TestFlags;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.GridSweep;
import dev.aiperf.engine.sweep.ScenarioSweep;
import dev.aiperf.engine.sweep.SearchDimension;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepExpander;
import dev.aiperf.engine.sweep.SweepParser;
import dev.aiperf.engine.sweep.Variation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each recipe's sweep, built from flags through the same loader as {@code aiperf profile}, checked by hand. */
class SearchRecipesTest {

    static AIPerfConfig resolve(String... args) {
        return TestFlags.resolve(args);
    }

    static SweepConfig sweep(String... args) {
        return SweepParser.parse(resolve(args).sweepTree(), SourceLines.NONE);
    }

    @Test
    void logGridMatchesTheReference() {
        assertThat(LogGrid.of(1, 1000, 8)).containsExactly(1L, 3L, 7L, 19L, 52L, 139L, 373L, 1000L);
        assertThat(LogGrid.of(1, 200, 6)).containsExactly(1L, 3L, 8L, 24L, 69L, 200L);
        assertThat(LogGrid.of(256, 32768, 8)).containsExactly(256L, 512L, 1024L, 2048L, 4096L, 8192L, 16384L,
                32768L);
        assertThat(LogGrid.of(64, 1024, 4)).containsExactly(64L, 161L, 406L, 1024L);
        assertThatThrownBy(() -> LogGrid.of(1, 10, 1)).hasMessageContaining("steps must be >= 2");
    }

    @Test
    void maxThroughputTtftSlaIsABayesianSearchOverLogConcurrency() {
        AIPerfConfig cfg = resolve("--search-recipe", "max-throughput-ttft-sla", "--ttft-sla-ms", "200");
        AdaptiveSearchSweep s = (AdaptiveSearchSweep) SweepParser.parse(cfg.sweepTree(), SourceLines.NONE);
        assertThat(s.planner()).isEqualTo("bayesian");
        assertThat(s.maxIterations()).isEqualTo(30);
        assertThat(s.nInitialPoints()).isEqualTo(5);
        SearchDimension d = s.searchSpace().get(0);
        assertThat(d.path()).isEqualTo("phases.profiling.concurrency");
        assertThat(d.lo()).isEqualTo(1);
        assertThat(d.hi()).isEqualTo(1000);
        assertThat(d.prior()).isEqualTo(SearchDimension.Prior.LOG_UNIFORM);
        assertThat(s.objectives().get(0).metric()).isEqualTo("output_token_throughput");
        assertThat(s.common().slaFilters()).containsExactly(new SlaRule("time_to_first_token", "p95", SlaOp.LT, 200));
        assertThat(s.common().recipeName()).isEqualTo("max-throughput-ttft-sla");
        assertThat(cfg.benchmark().endpoint().streaming()).isTrue();
    }

    @Test
    void itlRecipeAcceptsEitherAliasButNotTwoDifferentValues() {
        AdaptiveSearchSweep s = (AdaptiveSearchSweep) sweep("--search-recipe", "max-throughput-itl-sla",
                "--tpot-sla-ms", "25");
        assertThat(s.common().slaFilters()).containsExactly(new SlaRule("inter_token_latency", "p95", SlaOp.LT, 25));
        assertThatThrownBy(() -> sweep("--search-recipe", "max-throughput-itl-sla", "--itl-sla-ms", "20",
                "--tpot-sla-ms", "25")).isInstanceOf(ConfigException.class).hasMessageContaining("are aliases");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-throughput-itl-sla"))
                .hasMessageContaining("recipe 'max-throughput-itl-sla' requires --itl-sla-ms");
    }

    @Test
    void maxConcurrencyUnderSlaStyles() {
        AdaptiveSearchSweep mono = (AdaptiveSearchSweep) sweep("--search-recipe", "max-concurrency-under-sla",
                "--ttft-sla-ms", "300", "--e2e-sla-ms", "2000", "--search-sla", "request_throughput:avg:gt:1",
                "--concurrency-min", "4", "--concurrency-max", "512");
        assertThat(mono.planner()).isEqualTo("monotonic_sla");
        // Enough trials for 5% on [4, 512] whatever the boundary: 8 doubling probes + 4 bisections, 2 trials each.
        assertThat(mono.maxIterations()).isEqualTo(24);
        assertThat(mono.searchSpace().get(0).lo()).isEqualTo(4);
        assertThat(mono.searchSpace().get(0).hi()).isEqualTo(512);
        assertThat(mono.common().slaFilters()).containsExactly(
                new SlaRule("time_to_first_token", "p95", SlaOp.LT, 300),
                new SlaRule("request_latency", "p99", SlaOp.LT, 2000),
                new SlaRule("request_throughput", "avg", SlaOp.GT, 1));

        AdaptiveSearchSweep smooth = (AdaptiveSearchSweep) sweep("--search-recipe", "max-concurrency-under-sla",
                "--e2e-sla-ms", "2000", "--search-style", "smooth_isotonic");
        assertThat(smooth.planner()).isEqualTo("smooth_isotonic");
        assertThat(smooth.maxIterations()).isEqualTo(30);

        AdaptiveSearchSweep bo = (AdaptiveSearchSweep) sweep("--search-recipe", "max-concurrency-under-sla",
                "--e2e-sla-ms", "2000", "--search-style", "bo");
        assertThat(bo.planner()).isEqualTo("bayesian");

        GridSweep grid = (GridSweep) sweep("--search-recipe", "max-concurrency-under-sla", "--e2e-sla-ms", "2000",
                "--search-style", "grid");
        assertThat(grid.common().postProcess().handler()).isEqualTo("sla_breach_knee");
        assertThat(grid.common().postProcess().outputFilename()).isEqualTo("sla_breach.json");
        assertThat(values(resolve("--search-recipe", "max-concurrency-under-sla", "--e2e-sla-ms", "2000",
                "--search-style", "grid"), "phases.profiling.concurrency"))
                .containsExactly(1L, 3L, 7L, 19L, 52L, 139L, 373L, 1000L);

        assertThatThrownBy(() -> sweep("--search-recipe", "max-concurrency-under-sla"))
                .hasMessageContaining("needs at least one SLA");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-concurrency-under-sla", "--e2e-sla-ms", "9",
                "--search-style", "simplex")).hasMessageContaining("unknown style 'simplex'");
    }

    @Test
    void goodputSetsSlosAndAnAttainmentFilter() {
        AIPerfConfig cfg = resolve("--search-recipe", "max-goodput-under-slo", "--ttft-sla-ms", "200",
                "--tpot-sla-ms", "20", "--e2e-sla-ms", "3000", "--goodput-attainment", "0.9");
        AdaptiveSearchSweep s = (AdaptiveSearchSweep) SweepParser.parse(cfg.sweepTree(), SourceLines.NONE);
        assertThat(s.objectives().get(0).metric()).isEqualTo("goodput");
        assertThat(s.common().slaFilters()).containsExactly(new SlaRule("good_request_fraction", "avg", SlaOp.GE, 0.9));
        assertThat(cfg.benchmark().slos()).containsEntry("time_to_first_token", 200.0)
                .containsEntry("inter_token_latency", 20.0).containsEntry("request_latency", 3000.0);
        assertThatThrownBy(() -> sweep("--search-recipe", "max-goodput-under-slo", "--ttft-sla-ms", "200",
                "--tpot-sla-ms", "20", "--e2e-sla-ms", "3000", "--goodput-attainment", "1.5"))
                .hasMessageContaining("must be in (0, 1]");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-goodput-under-slo", "--ttft-sla-ms", "200"))
                .hasMessageContaining("requires --tpot-sla-ms");
    }

    @Test
    void gridRecipesExpandToTheReferenceValues() {
        AIPerfConfig ramp = resolve("--search-recipe", "concurrency-ramp", "--degradation-threshold", "0.5");
        assertThat(values(ramp, "phases.profiling.concurrency")).containsExactly(1L, 3L, 7L, 19L, 52L, 139L, 373L,
                1000L);
        GridSweep g = (GridSweep) SweepParser.parse(ramp.sweepTree(), SourceLines.NONE);
        assertThat(g.common().postProcess().params().get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(g.common().postProcess().outputFilename()).isEqualTo("degradation_knee.json");

        AIPerfConfig prefill = resolve("--search-recipe", "prefill-ttft-curve");
        assertThat(values(prefill, "datasets.main.prompts.isl")).containsExactly(256L, 512L, 1024L, 2048L, 4096L,
                8192L, 16384L, 32768L);
        assertThat(values(prefill, "phases.profiling.concurrency")).containsOnly(1L);

        AIPerfConfig decode = resolve("--search-recipe", "decode-itl-curve");
        List<Variation> vs = SweepExpander.expand(decode, SweepParser.parse(decode.sweepTree(), SourceLines.NONE));
        assertThat(vs).hasSize(6 * 4);
        assertThat(values(decode, "datasets.main.prompts.osl")).containsExactlyInAnyOrder(64L, 161L, 406L, 1024L);
    }

    @Test
    void paretoSweepIsOneScenarioPerShapeAndConcurrency() {
        AIPerfConfig cfg = resolve("--search-recipe", "pareto-sweep", "--isl-osl-pairs", "128/128,512/256",
                "--concurrency", "1,8");
        ScenarioSweep s = (ScenarioSweep) SweepParser.parse(cfg.sweepTree(), SourceLines.NONE);
        List<Variation> vs = SweepExpander.expand(cfg, s);
        assertThat(vs).extracting(Variation::label).containsExactly("shape_128_128_c1", "shape_128_128_c8",
                "shape_512_256_c1", "shape_512_256_c8");
        Variation last = vs.get(3);
        assertThat(last.plainValues()).containsEntry("isl", 512L).containsEntry("osl", 256L)
                .containsEntry("concurrency", 8L);
        AIPerfConfig bound = resolve("--search-recipe", "pareto-sweep", "--isl-osl-pairs", "512/256",
                "--concurrency", "1,8");
        Variation v = SweepExpander.expand(bound, SweepParser.parse(bound.sweepTree(), SourceLines.NONE)).get(1);
        assertThat(v.benchmarkTree().toString()).contains("\"concurrency\":8").contains("\"isl\":512");
        assertThatThrownBy(() -> sweep("--search-recipe", "pareto-sweep", "--isl-osl-pairs", "128/128",
                "--concurrency", "4")).hasMessageContaining("a Pareto sweep with a single point is meaningless");
        assertThatThrownBy(() -> sweep("--search-recipe", "pareto-sweep", "--isl-osl-pairs", "128x128,1/1"))
                .hasMessageContaining("expected ISL/OSL pairs");
    }

    @Test
    void validationsNameTheConflict(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path yaml = tmp.resolve("nostream.yaml");
        java.nio.file.Files.writeString(yaml, "benchmark:\n  endpoint: {streaming: false}\n");
        java.nio.file.Path swept = tmp.resolve("swept.yaml");
        java.nio.file.Files.writeString(swept, "sweep:\n  type: grid\n  parameters: {concurrency: [1, 2]}\n");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-throughput-ttft-sla", "--ttft-sla-ms", "200",
                "--search-space", "concurrency:1,64:int")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("defines its own search");
        assertThatThrownBy(() -> sweep("--search-recipe", "concurrency-ramp", "--isl", "128,256"))
                .hasMessageContaining("cannot be combined with comma-list flags");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-throughput-ttft-sla", "--ttft-sla-ms", "200",
                "--config", yaml.toString())).hasMessageContaining("recipe 'max-throughput-ttft-sla' requires --streaming (");
        assertThatThrownBy(() -> sweep("--search-recipe", "max-throughput-ttft-sla", "--ttft-sla-ms", "200",
                "--concurrency-min", "64", "--concurrency-max", "64"))
                .hasMessageContaining("--concurrency-min (64) must be < --concurrency-max (64)");
        assertThatThrownBy(() -> sweep("--search-recipe", "concurrency-ramp", "--config", swept.toString()))
                .hasMessageContaining("cannot be combined with the config's sweep: block");
        assertThatThrownBy(() -> sweep("--search-recipe", "fastest")).hasMessageContaining("unknown recipe 'fastest'");
        assertThatThrownBy(() -> sweep("--ttft-sla-ms", "200")).hasMessageContaining("only apply to a --search-recipe");
    }

    @Test
    void searchShorthandBuildsAnAdaptiveSearch() {
        AdaptiveSearchSweep s = (AdaptiveSearchSweep) sweep("--search-space", "concurrency:1,64:int",
                "--search-space", "rate:0.5,20", "--search-metric", "request_latency", "--search-stat", "p99",
                "--search-direction", "minimize", "--search-max-iterations", "12", "--search-initial-points", "4",
                "--search-random-seed", "9", "--search-sla", "time_to_first_token:p95:lt:150");
        assertThat(s.searchSpace()).hasSize(2);
        assertThat(s.searchSpace().get(0).path()).isEqualTo("phases.profiling.concurrency");
        assertThat(s.searchSpace().get(1).kind().name()).isEqualTo("REAL");
        assertThat(s.objectives().get(0).direction().name()).isEqualTo("MINIMIZE");
        assertThat(s.objectives().get(0).stat()).isEqualTo("p99");
        assertThat(s.maxIterations()).isEqualTo(12);
        assertThat(s.nInitialPoints()).isEqualTo(4);
        assertThat(s.randomSeed()).isEqualTo(9L);
        assertThat(s.common().slaFilters()).containsExactly(new SlaRule("time_to_first_token", "p95", SlaOp.LT, 150));

        assertThatThrownBy(() -> sweep("--search-space", "concurrency:1-64")).hasMessageContaining(
                "expected 'path:lo,hi[:kind]'");
        assertThatThrownBy(() -> sweep("--search-space", "concurrency:1,64:float")).hasMessageContaining(
                "kind must be 'int' or 'real'");
        assertThatThrownBy(() -> sweep("--search-space", "concurrency:64,1")).hasMessageContaining(
                "hi (1) must be > lo (64)");
        assertThatThrownBy(() -> sweep("--search-space", "concurrency:1,64", "--search-sla", "ttft:p95:lt"))
                .hasMessageContaining("expected 4 colon-separated parts");
        assertThatThrownBy(() -> sweep("--search-space", "concurrency:1,64", "--search-metric",
                "output_token_throughput,request_latency")).hasMessageContaining("single-objective");
        assertThatThrownBy(() -> sweep("--search-space", "concurrency:1,64", "--concurrency", "1,2"))
                .hasMessageContaining("cannot be combined with comma-list flags");
    }

    private static List<Long> values(AIPerfConfig cfg, String path) {
        List<Variation> vs = SweepExpander.expand(cfg, SweepParser.parse(cfg.sweepTree(), SourceLines.NONE));
        return vs.stream().map(v -> v.values().get(path)).filter(java.util.Objects::nonNull).map(n -> n.asLong())
                .distinct().sorted().toList();
    }
}
