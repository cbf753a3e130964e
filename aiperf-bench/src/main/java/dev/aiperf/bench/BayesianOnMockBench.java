package dev.aiperf.bench;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.EmbeddedMock;
import dev.aiperf.engine.orchestrate.SearchSession;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Bayesian max-throughput search over concurrency against the mock server with a KV-cache budget (batch 32,
 * step 2 ms + 0.1 ms per sequence, 0.02 ms per prefill token in chunks of 128, KV 1200 tokens; prompts 100 + 50
 * tokens, so C* = floor(1200 / 150) = 8 sequences fit before preemption and throughput falls past it, as in
 * MockServerLatencyModelTest). First a grid over concurrency gives the measured curve and its peak; then the search runs for several seeds and reports the throughput it found relative to
 * that peak and the runs it used. Usage: {@code java -cp ... dev.aiperf.bench.BayesianOnMockBench [seeds] [bayesian|tpe|gp|botorch]}
 * (the last three: planner optuna with that sampler).
 */
public final class BayesianOnMockBench {

    private BayesianOnMockBench() {
    }

    private static final MockServerConfig KV = MockServerConfig.defaults()
            .withLatency(new LatencyMode.Batching(32, 2.0, 0.1, 0.02, 128, 1200));

    private static String body(Path dir) {
        return """
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
                """.formatted(dir.toString().replace("\\", "/"));
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // "bayesian" (default), or planner optuna with a sampler: "tpe", "gp", "botorch"
        String sampler = args.length > 1 ? args[1] : "bayesian";
        String planner = sampler.equals("bayesian") ? "planner: bayesian"
                : "planner: optuna\n  optuna_sampler: " + sampler;
        Path gridDir = Files.createTempDirectory("bo-grid");
        String grid = body(gridDir) + """
                sweep:
                  type: grid
                  parameters:
                    concurrency: [2, 4, 6, 8, 10, 12, 16, 24, 32, 64, 128]
                """;
        double peak = 0;
        double peakC = 0;
        int gridRuns;
        try (BenchmarkSession s = BenchmarkSession.open(ConfigLoader.loadString(grid, "grid.yaml", Map.of()),
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(KV)), new BenchmarkRun())) {
            ProfileResult r = s.runAll();
            gridRuns = r.cells().size();
            for (CellResult c : r.cells()) {
                double t = c.metric("output_token_throughput", "avg").map(x -> x.mean()).orElse(0.0);
                System.out.printf(Locale.ROOT, "grid %s: output_token_throughput %.0f%n", c.label(), t);
                if (t > peak) {
                    peak = t;
                    peakC = ((Number) c.values().get("phases.profiling.concurrency")).doubleValue();
                }
            }
        }
        System.out.printf(Locale.ROOT, "grid peak: concurrency %.0f, %.0f tokens/s (%d runs)%n", peakC, peak, gridRuns);
        System.out.println("seed  best_c  best_tput  of_peak%  iterations  reason");
        for (int seed = 1; seed <= seeds; seed++) {
            Path dir = Files.createTempDirectory("bo-search");
            String yaml = body(dir) + """
                    sweep:
                      type: adaptive_search
                      %s
                      max_iterations: 15
                      n_initial_points: 4
                      random_seed: %d
                      search_space:
                        - {path: concurrency, lo: 2, hi: 128, kind: int, prior: log-uniform}
                      objectives:
                        - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                    """.formatted(planner, seed);
            AIPerfConfig config = ConfigLoader.loadString(yaml, "bo.yaml", Map.of());
            SearchResult r;
            try (SearchSession s = SearchSession.open(config, SessionOptions.defaults().withLocalServer(EmbeddedMock.of(KV)),
                    new BenchmarkRun())) {
                r = s.run();
            }
            var best = r.bestTrials().get(0).iteration();
            double t = best.objectiveValues().get(0);
            System.out.printf(Locale.ROOT, "%4d  %6.0f  %9.0f  %8.1f  %10d  %s%n", seed,
                    best.variationValues().get("phases.profiling.concurrency"), t, 100 * t / peak,
                    r.iterations().size(), r.convergenceReason());
        }
    }
}
