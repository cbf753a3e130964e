package dev.aiperf.bench;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.EmbeddedMock;
import dev.aiperf.engine.orchestrate.SearchSession;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.engine.search.Direction;
import dev.aiperf.engine.search.Hypervolume;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multi-objective search (max output throughput, min request latency avg) over concurrency × output length
 * against the mock server, compared with the dense grid: the hypervolume of the search's points as a fraction
 * of the grid's, both against one reference point (the grid's worst value of each objective, 5 % beyond),
 * and the runs each used. Usage: {@code java -cp ... dev.aiperf.bench.ParetoOnMockBench [seeds]}.
 */
public final class ParetoOnMockBench {

    private ParetoOnMockBench() {
    }

    private static final MockServerConfig MOCK = MockServerConfig.defaults()
            .withLatency(new LatencyMode.Batching(32, 2.0, 0.1, 0.02, 128, 0));
    private static final List<Direction> DIRS = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);

    private static String body(Path dir) {
        return """
                benchmark:
                  endpoint: {type: chat, streaming: true}
                  dataset:
                    entries: 16
                    prompts: {isl: 64, osl: 16}
                  phases:
                    - name: profiling
                      type: concurrency
                      duration: 0.5
                      grace_period: 2
                      concurrency: 1
                  artifacts: {dir: %s}
                """.formatted(dir.toString().replace("\\", "/"));
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String grid = body(Files.createTempDirectory("mo-grid")) + """
                sweep:
                  type: grid
                  parameters:
                    concurrency: [1, 2, 4, 8, 16, 32]
                    dataset.prompts.osl: [16, 32, 64, 128]
                """;
        List<double[]> gridPoints = new ArrayList<>();
        try (BenchmarkSession s = BenchmarkSession.open(ConfigLoader.loadString(grid, "grid.yaml", Map.of()),
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(MOCK)), new BenchmarkRun())) {
            for (CellResult c : s.runAll().cells()) {
                double t = c.metric("output_token_throughput", "avg").map(x -> x.mean()).orElse(Double.NaN);
                double l = c.metric("request_latency", "avg").map(x -> x.mean()).orElse(Double.NaN);
                if (Double.isFinite(t) && Double.isFinite(l)) {
                    gridPoints.add(new double[] {t, l});
                }
            }
        }
        double minT = gridPoints.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        double maxL = gridPoints.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        double[] ref = {minT * 0.95, maxL * 1.05};
        double gridHv = Hypervolume.of(gridPoints, ref, DIRS);
        System.out.printf(Locale.ROOT, "grid: %d runs, hypervolume %.4g (reference %.1f tokens/s, %.1f ms)%n",
                gridPoints.size(), gridHv, ref[0], ref[1]);
        System.out.println("seed  runs  hv_of_grid%  frontier_points  reason");
        for (int seed = 1; seed <= seeds; seed++) {
            String yaml = body(Files.createTempDirectory("mo-search")) + """
                    sweep:
                      type: adaptive_search
                      planner: bayesian
                      max_iterations: 8
                      n_initial_points: 4
                      random_seed: %d
                      search_space:
                        - {path: concurrency, lo: 1, hi: 32, kind: int, prior: log-uniform}
                        - {path: datasets.main.prompts.osl, lo: 16, hi: 128, kind: int, prior: log-uniform}
                      objectives:
                        - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                        - {metric: request_latency, stat: avg, direction: MINIMIZE}
                    """.formatted(seed);
            SearchResult r;
            try (SearchSession s = SearchSession.open(ConfigLoader.loadString(yaml, "mo.yaml", Map.of()),
                    SessionOptions.defaults().withLocalServer(EmbeddedMock.of(MOCK)), new BenchmarkRun())) {
                r = s.run();
            }
            List<double[]> pts = new ArrayList<>();
            for (SearchIteration it : r.iterations()) {
                if (it.objectiveValues() != null) {
                    pts.add(new double[] {it.objectiveValues().get(0), it.objectiveValues().get(1)});
                }
            }
            double hv = Hypervolume.of(pts, ref, DIRS);
            System.out.printf(Locale.ROOT, "%4d  %4d  %11.1f  %15d  %s%n", seed, r.iterations().size(),
                    100 * hv / gridHv, r.frontier().size(), r.convergenceReason());
        }
    }
}
