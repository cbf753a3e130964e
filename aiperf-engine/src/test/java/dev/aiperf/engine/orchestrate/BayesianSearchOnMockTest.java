package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bayesian planner against the embedded mock server on a throughput curve with an interior peak (a KV-cache
 * budget, docs/MOCK_SERVER.md), end to end: it must settle near the peak, not at either end of the range.
 */
class BayesianSearchOnMockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * KV budget 1,200 tokens, prompts 100 + outputs 50 tokens: C* = floor(1200 / 150) = 8 sequences fit, so output
     * throughput rises to a peak near 8 and falls past it as preempted sequences are recomputed
     * (MockServerLatencyModelTest checks the fall); the range 2..64 puts the peak well inside.
     */
    private static final MockServerConfig KV_PEAK = MockServerConfig.defaults()
            .withLatency(new LatencyMode.Batching(32, 2.0, 0.1, 0.02, 128, 1200));

    @Test
    void bayesianSearchFindsTheInteriorThroughputPeak(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("bo");
        String yaml = """
                benchmark:
                  endpoint: {type: chat, streaming: true}
                  dataset:
                    entries: 16
                    prompts: {isl: 100, osl: 50}
                  phases:
                    - name: profiling
                      type: concurrency
                      duration: 0.6
                      grace_period: 2
                      concurrency: 1
                  artifacts: {dir: %s}
                sweep:
                  type: adaptive_search
                  planner: bayesian
                  max_iterations: 12
                  n_initial_points: 4
                  random_seed: 1
                  search_space:
                    - {path: concurrency, lo: 2, hi: 64, kind: int, prior: log-uniform}
                  objectives:
                    - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                random_seed: 1
                """.formatted(base.toString().replace("\\", "/"));
        AIPerfConfig config = ConfigLoader.loadString(yaml, "bo.yaml", Map.of());
        SearchResult result;
        try (SearchSession session = SearchSession.open(config, SessionOptions.defaults().withLocalServer(EmbeddedMock.of(KV_PEAK)),
                new BenchmarkRun())) {
            result = session.run();
        }
        assertThat(result.iterations().size()).isLessThanOrEqualTo(12);
        double best = result.bestConfiguration().orElseThrow().get("phases.profiling.concurrency");
        assertThat(best).isBetween(6.0, 16.0);
        JsonNode h = JSON.readTree(base.resolve("search_history.json").toFile());
        assertThat(h.get("best_trials").get(0).get("variation_values").get("phases.profiling.concurrency")
                .asDouble()).isEqualTo(best);
        assertThat(h.get("convergence_reason").asText()).isIn("max_iterations", "improvement_patience", "plateau_cv");
    }

    @Test
    void optunaTpeWithTheRegretTerminatorFindsThePeakToo(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("tpe");
        String yaml = """
                benchmark:
                  endpoint: {type: chat, streaming: true}
                  dataset:
                    entries: 16
                    prompts: {isl: 100, osl: 50}
                  phases:
                    - name: profiling
                      type: concurrency
                      duration: 0.6
                      grace_period: 2
                      concurrency: 1
                  artifacts: {dir: %s}
                sweep:
                  type: adaptive_search
                  planner: optuna
                  optuna_sampler: tpe
                  optuna_terminator: regret
                  max_iterations: 12
                  n_initial_points: 4
                  random_seed: 1
                  search_space:
                    - {path: concurrency, lo: 2, hi: 64, kind: int, prior: log-uniform}
                  objectives:
                    - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                random_seed: 1
                """.formatted(base.toString().replace("\\", "/"));
        AIPerfConfig config = ConfigLoader.loadString(yaml, "tpe.yaml", Map.of());
        SearchResult result;
        try (SearchSession session = SearchSession.open(config,
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(KV_PEAK)), new BenchmarkRun())) {
            result = session.run();
        }
        double best = result.bestConfiguration().orElseThrow().get("phases.profiling.concurrency");
        assertThat(best).isBetween(5.0, 20.0);
        assertThat(result.convergenceReason()).isIn("max_iterations", "improvement_patience", "plateau_cv",
                "posterior_regret_bound");
    }
}
