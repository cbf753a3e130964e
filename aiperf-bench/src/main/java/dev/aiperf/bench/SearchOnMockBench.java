package dev.aiperf.bench;

import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
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
 * max-concurrency-under-sla against the embedded mock server, several seeds: the monotonic planner's boundary on
 * an ITL SLA (mock: batch 512, step 10 ms + 0.5 ms per sequence, no prefill cost, so the formula puts the
 * boundary of ITL avg &lt; 40 ms at C* = 60), the probes it took and the bracket it ended with. The second argument
 * picks the planner: monotonic_sla (default) or smooth_isotonic (its boundary_summary is the trials' raw verdicts).
 * Usage: {@code java -cp ... dev.aiperf.bench.SearchOnMockBench [seeds] [planner]}.
 */
public final class SearchOnMockBench {

    private SearchOnMockBench() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String planner = args.length > 1 ? args[1] : "monotonic_sla";
        MockServerConfig mock = MockServerConfig.defaults()
                .withLatency(new LatencyMode.Batching(512, 10.0, 0.5, 0.0, 0, 0));
        System.out.println("seed  feasible_max  infeasible_min  gap%   probes  bound(log2(16)+5)  seconds  reason");
        for (int seed = 1; seed <= seeds; seed++) {
            Path dir = Files.createTempDirectory("search-bench");
            String yaml = """
                    benchmark:
                      endpoint: {type: chat, streaming: true}
                      dataset:
                        entries: 16
                        prompts: {isl: 16, osl: 6}
                      phases:
                        - name: profiling
                          type: concurrency
                          requests: 128
                          concurrency: 1
                      artifacts: {dir: %s}
                    sweep:
                      type: adaptive_search
                      planner: %s
                      monotonic_stability_trials: 1
                      max_iterations: 20
                      search_space:
                        - {path: concurrency, lo: 16, hi: 256, kind: int, prior: log-uniform}
                      objectives:
                        - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                      sla_filters:
                        - {metric_tag: inter_token_latency, stat: avg, op: lt, threshold: 40.0}
                    random_seed: %d
                    """.formatted(dir.toString().replace("\\", "/"), planner, seed);
            AIPerfConfig config = ConfigLoader.loadString(yaml, "bench.yaml", Map.of());
            long t0 = System.nanoTime();
            SearchResult r;
            try (SearchSession s = SearchSession.open(config, SessionOptions.defaults().withLocalServer(EmbeddedMock.of(mock)),
                    new BenchmarkRun())) {
                r = s.run();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            SearchBoundary b = r.boundary().orElseThrow();
            double fm = b.feasibleMax() == null ? Double.NaN : b.feasibleMax().value();
            double im = b.infeasibleMin() == null ? Double.NaN : b.infeasibleMin().value();
            System.out.printf(Locale.ROOT, "%4d  %12.0f  %14.0f  %5.1f  %6d  %17d  %7.1f  %s%n", seed, fm, im,
                    100 * (im - fm) / im, r.iterations().size(), 9, secs, r.convergenceReason());
        }
    }
}
