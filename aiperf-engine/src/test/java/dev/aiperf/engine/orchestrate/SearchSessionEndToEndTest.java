package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.SmoothIsotonicPlanner;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive search against the embedded mock server, with server parameters whose SLA boundary follows from the
 * mock's formulas (docs/MOCK_SERVER.md): with no prefill cost and a batch large enough for every client, each
 * decode step lasts {@code stepBaseMs + stepPerSeqMs × C}, so the inter-token latency is that step and an ITL
 * SLA of {@code T} holds up to {@code C* = (T − stepBaseMs) / stepPerSeqMs}.
 */
class SearchSessionEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** stepBase 10 ms, 0.5 ms per sequence, no prefill cost, batch 512: ITL(C) = 10 + 0.5·C ms. */
    private static final MockServerConfig LINEAR_ITL = MockServerConfig.defaults()
            .withLatency(new LatencyMode.Batching(512, 10.0, 0.5, 0.0, 0, 0));

    private static String monotonicYaml(Path dir) {
        return """
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
                  planner: monotonic_sla
                  monotonic_stability_trials: 1
                  max_iterations: 20
                  search_space:
                    - {path: concurrency, lo: 16, hi: 256, kind: int, prior: log-uniform}
                  objectives:
                    - {metric: output_token_throughput, stat: avg, direction: MAXIMIZE}
                  sla_filters:
                    - {metric_tag: inter_token_latency, stat: avg, op: lt, threshold: 40.0}
                random_seed: 3
                """.formatted(dir.toString().replace("\\", "/"));
    }

    @Test
    void monotonicSearchFindsTheItlBoundaryWithinFivePercent(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("mono");
        AIPerfConfig config = ConfigLoader.loadString(monotonicYaml(base), "search.yaml", Map.of());
        List<String> lines = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void message(String line) {
                lines.add(line);
            }
        };
        SearchResult result;
        try (SearchSession session = SearchSession.open(config,
                SessionOptions.defaults().withListener(listener).withLocalServer(EmbeddedMock.of(LINEAR_ITL)), new BenchmarkRun())) {
            result = session.run();
        }
        // The formula puts C* at (40 - 10) / 0.5 = 60; the mock's ITL runs up to +25 % over its formula under load
        // (MockServerLatencyModelTest), which moves the measured boundary down to about 60 / 1.25 = 48.
        assertThat(result.convergenceReason()).isEqualTo(MonotonicSlaPlanner.PRECISION_REACHED);
        SearchBoundary b = result.boundary().orElseThrow();
        assertThat(b.sweptDimPath()).isEqualTo("phases.profiling.concurrency");
        assertThat(b.feasibleMax().value()).isBetween(36.0, 62.0);
        // Bracketed to the planner's 5 % precision on measured verdicts, in at most log2(256/16) + 5 probes.
        double gap = (b.infeasibleMin().value() - b.feasibleMax().value()) / b.infeasibleMin().value();
        assertThat(gap).isLessThan(0.05 + 1.0 / b.infeasibleMin().value());
        assertThat(result.iterations().size()).isLessThanOrEqualTo(4 + 5);
        assertThat(b.infeasibleMin().value()).isGreaterThan(b.feasibleMax().value());
        assertThat(b.infeasibleMin().firstBreach().rule().metric()).isEqualTo("inter_token_latency");

        // Every iteration's trials are where AIPerf puts them, and the history on disk is the final one.
        for (SearchIteration it : result.iterations()) {
            Path run = base.resolve(String.format("search_iter_%04d/profile_runs/run_0001", it.iterationIdx()));
            assertThat(run.resolve("profile_export_aiperf.json")).exists();
            assertThat(run.resolve("run_status.json")).exists();
        }
        JsonNode h = JSON.readTree(base.resolve("search_history.json").toFile());
        assertThat(h.get("convergence_reason").asText()).isEqualTo(MonotonicSlaPlanner.PRECISION_REACHED);
        assertThat(h.get("iterations").size()).isEqualTo(result.iterations().size());
        assertThat(Files.exists(base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json"))).isTrue();
        assertThat(result.profile().cells()).hasSize(result.iterations().size());
        assertThat(lines).anyMatch(l -> l.startsWith("search_iter_0000: concurrency=16 -> output_token_throughput"));
        assertThat(lines).anyMatch(l -> l.contains("; infeasible (inter_token_latency avg"));
        assertThat(lines).anyMatch(l -> l.startsWith("search stopped after ")
                && l.contains(MonotonicSlaPlanner.PRECISION_REACHED));
        assertThat(result.feasibleFound()).isTrue();
    }

    @Test
    void aBudgetThatEndsBeforeThePrecisionSaysWhereTheBracketIsAndWhatWouldHaveSufficed(@TempDir Path tmp)
            throws IOException {
        Path base = tmp.resolve("short");
        AIPerfConfig config = ConfigLoader.loadString(monotonicYaml(base).replace("max_iterations: 20",
                "max_iterations: 3"), "search.yaml", Map.of());
        List<String> lines = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void message(String line) {
                lines.add(line);
            }
        };
        SearchResult result;
        try (SearchSession session = SearchSession.open(config,
                SessionOptions.defaults().withListener(listener).withLocalServer(EmbeddedMock.of(LINEAR_ITL)),
                new BenchmarkRun())) {
            result = session.run();
        }
        // Three single-trial probes (16, 32, then 64 or 23 depending on the loaded machine's ITL) leave a bracket
        // far wider than 5%.
        assertThat(result.convergenceReason()).isEqualTo("max_iterations");
        JsonNode h = JSON.readTree(base.resolve("search_history.json").toFile());
        String detail = h.get("convergence_detail").asText();
        assertThat(detail).matches("max_iterations stopped the search before its precision: boundary bracketed in"
                + " \\[\\d+, \\d+\\], \\d+\\.\\d% wide \\(target < 5%\\); at most (\\d+) more trial\\(s\\) \\(\\d+"
                + " probe\\(s\\) of 1 agreeing trials\\) would reach it: max_iterations \\d+");
        int more = Integer.parseInt(detail.replaceAll(".*at most (\\d+) more.*", "$1"));
        assertThat(detail).endsWith("max_iterations " + (3 + more));
        assertThat(lines).anyMatch(l -> l.startsWith("search stopped after 3 iteration(s): max_iterations"
                + " (max_iterations stopped the search before its precision: boundary bracketed in ["));
    }

    @Test
    void smoothIsotonicInterpolatesTheItlBoundaryOnTheMock(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("smooth");
        AIPerfConfig config = ConfigLoader.loadString(monotonicYaml(base).replace("planner: monotonic_sla",
                "planner: smooth_isotonic"), "search.yaml", Map.of());
        SearchResult result;
        try (SearchSession session = SearchSession.open(config,
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(LINEAR_ITL)), new BenchmarkRun())) {
            result = session.run();
        }
        // Same boundary as the monotonic search above, from the ITL margins. boundary_summary holds the trials' raw
        // verdicts, and one trial per value on a loaded machine can pass a little above the formula's 60.
        assertThat(result.convergenceReason()).startsWith("smooth_isotonic_");
        assertThat(result.convergenceReason()).isIn(SmoothIsotonicPlanner.PRECISION_REACHED,
                SmoothIsotonicPlanner.REPLICATES_EXHAUSTED);
        SearchBoundary b = result.boundary().orElseThrow();
        assertThat(b.feasibleMax().value()).isBetween(36.0, 66.0);
        assertThat(result.iterations().size()).isLessThanOrEqualTo(20);
    }
}
