package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.stats.ConfidenceAggregator;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A 3 x 2 grid with 2 trials against the embedded mock server, end to end: the seed's directory layout in both
 * iteration orders, aggregates that match a recomputation from the per-run files, a Pareto set that matches a
 * brute-force check, and a sweep interrupted and resumed that ends with the same cells as one that ran through.
 */
class SweepEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String yaml(Path dir, String order) {
        return """
                benchmark:
                  endpoint: {type: chat, streaming: true}
                  dataset:
                    entries: 8
                    prompts: {isl: 24, osl: 8}
                  phases:
                    - name: profiling
                      type: concurrency
                      requests: 10
                      concurrency: 1
                  artifacts: {dir: %s}
                sweep:
                  type: grid
                  iteration_order: %s
                  parameters:
                    concurrency: [1, 2, 4]
                    dataset.prompts.osl: [4, 8]
                multi_run:
                  num_runs: 2
                random_seed: 7
                """.formatted(dir.toString().replace("\\", "/"), order);
    }

    private static ProfileResult run(AIPerfConfig config, SessionOptions options) {
        try (BenchmarkSession session = BenchmarkSession.open(config, options.withLocalServer(EmbeddedMock.of(MockServerConfig.fast())),
                new BenchmarkRun())) {
            return session.runAll();
        }
    }

    @Test
    void repeatedOrderProducesTheSeedLayoutAndAggregatesThatMatchTheRunFiles(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("grid");
        AIPerfConfig config = ConfigLoader.loadString(yaml(base, "repeated"), "grid.yaml", Map.of());
        ProfileResult result = run(config, SessionOptions.defaults());

        assertThat(result.cells()).hasSize(6);
        assertThat(result.failedRuns()).isEmpty();
        // Canonical paths sort datasets.main.prompts.osl before phases.profiling.concurrency.
        List<String> cells = List.of("osl_4__concurrency_1", "osl_4__concurrency_2", "osl_4__concurrency_4",
                "osl_8__concurrency_1", "osl_8__concurrency_2", "osl_8__concurrency_4");
        for (String trial : List.of("trial_0001", "trial_0002")) {
            for (String cell : cells) {
                Path runDir = base.resolve("profile_runs").resolve(trial).resolve(cell);
                assertThat(runDir.resolve("profile_export_aiperf.json")).exists();
                assertThat(runDir.resolve("profile_export_aiperf.csv")).exists();
                assertThat(runDir.resolve("profile_export.jsonl")).exists();
                assertThat(runDir.resolve("inputs.json")).exists();
                assertThat(JSON.readTree(runDir.resolve("run_status.json").toFile()).get("status").asText())
                        .isEqualTo("ok");
            }
        }
        for (String cell : cells) {
            assertThat(base.resolve("aggregate").resolve(cell).resolve("profile_export_aiperf_aggregate.json"))
                    .exists();
        }
        Path sweepFile = base.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json");
        assertThat(sweepFile).exists();
        assertThat(base.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.csv")).exists();

        // Every per-cell aggregate equals a recomputation from that cell's two per-run files.
        ConfidenceAggregator t = new ConfidenceAggregator(0.95);
        for (String cell : cells) {
            JsonNode agg = JSON.readTree(base.resolve("aggregate").resolve(cell)
                    .resolve("profile_export_aiperf_aggregate.json").toFile());
            assertThat(agg.at("/metadata/num_successful_runs").asInt()).isEqualTo(2);
            for (String metric : List.of("request_throughput", "time_to_first_token", "request_latency")) {
                for (String stat : List.of("avg", "p99")) {
                    if (metric.equals("request_throughput") && stat.equals("p99")) {
                        continue;
                    }
                    double[] values = new double[2];
                    for (int i = 0; i < 2; i++) {
                        JsonNode run = JSON.readTree(base.resolve("profile_runs/trial_000" + (i + 1)).resolve(cell)
                                .resolve("profile_export_aiperf.json").toFile());
                        values[i] = run.get(metric).get(stat).asDouble();
                    }
                    ConfidenceStats expected = t.stats(values, "x");
                    JsonNode block = agg.get("metrics").get(metric + "_" + stat);
                    assertThat(block.get("mean").asDouble()).isCloseTo(expected.mean(), within(1e-9));
                    assertThat(block.get("std").asDouble()).isCloseTo(expected.std(), within(1e-9));
                    assertThat(block.get("ci_low").asDouble()).isCloseTo(expected.ciLow(), within(1e-9));
                    assertThat(block.get("ci_high").asDouble()).isCloseTo(expected.ciHigh(), within(1e-9));
                    assertThat(block.get("t_critical").asDouble()).isCloseTo(12.706, within(1e-3));
                }
            }
        }

        // The Pareto set equals a brute-force check over (throughput up, p99 TTFT down).
        JsonNode sweep = JSON.readTree(sweepFile.toFile());
        List<double[]> points = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode combo : sweep.get("per_combination_metrics")) {
            points.add(new double[] {combo.at("/metrics/request_throughput_avg/mean").asDouble(),
                    combo.at("/metrics/time_to_first_token_p99/mean").asDouble()});
            names.add(combo.get("parameters").toString());
        }
        Set<String> bruteForce = new TreeSet<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size(); j++) {
                double[] a = points.get(j);
                double[] b = points.get(i);
                if (j != i && a[0] >= b[0] && a[1] <= b[1] && (a[0] > b[0] || a[1] < b[1])) {
                    dominated = true;
                }
            }
            if (!dominated) {
                bruteForce.add(names.get(i));
            }
        }
        Set<String> reported = new TreeSet<>();
        sweep.get("pareto_optimal").forEach(p -> reported.add(p.toString()));
        assertThat(reported).isEqualTo(bruteForce).isNotEmpty();
        assertThat(sweep.at("/best_configurations/best_throughput/parameters")).isNotNull();
    }

    @Test
    void independentOrderPutsEachCellInItsOwnDirectory(@TempDir Path tmp) {
        Path base = tmp.resolve("grid");
        AIPerfConfig config = ConfigLoader.loadString(yaml(base, "independent"), "grid.yaml", Map.of());
        List<String> order = new ArrayList<>();
        SweepListener record = new SweepListener() {
            @Override
            public void runStarted(PlannedRun run, int position, int total) {
                order.add(run.variation().dirName() + "/" + run.runLabel());
            }
        };
        ProfileResult result = run(config, SessionOptions.defaults().withListener(record));

        assertThat(result.cells()).hasSize(6);
        assertThat(order.subList(0, 4)).containsExactly("osl_4__concurrency_1/trial_0001",
                "osl_4__concurrency_1/trial_0002", "osl_4__concurrency_2/trial_0001",
                "osl_4__concurrency_2/trial_0002");
        assertThat(base.resolve("osl_8__concurrency_2/profile_runs/trial_0002/profile_export_aiperf.json")).exists();
        assertThat(base.resolve("osl_8__concurrency_2/aggregate/profile_export_aiperf_aggregate.json")).exists();
        assertThat(base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json")).exists();
    }

    @Test
    void aSweepInterruptedAndResumedEndsWithTheSameCellsAsOneThatRanThrough(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("resumed");
        AIPerfConfig config = ConfigLoader.loadString(yaml(base, "repeated"), "grid.yaml", Map.of());
        SessionOptions interrupting = SessionOptions.defaults();
        SweepListener stopAfterFour = new SweepListener() {
            int finished;

            @Override
            public void runFinished(PlannedRun run, RunOutcome outcome, double seconds) {
                if (++finished == 4) {
                    interrupting.cancel().set(true);
                }
            }
        };
        ProfileResult first = run(config, interrupting.withListener(stopAfterFour));
        assertThat(first.cancelled()).isTrue();
        assertThat(completeRuns(base)).hasSize(4);

        ProfileResult resumed = run(config, SessionOptions.defaults().withResume(true));
        assertThat(resumed.cancelled()).isFalse();

        Path straight = tmp.resolve("straight");
        ProfileResult through = run(ConfigLoader.loadString(yaml(straight, "repeated"), "grid.yaml", Map.of()),
                SessionOptions.defaults());
        assertThat(completeRuns(base)).isEqualTo(completeRuns(straight)).hasSize(12);
        assertThat(resumed.cells().stream().map(CellResult::label).toList())
                .isEqualTo(through.cells().stream().map(CellResult::label).toList());
        assertThat(resumed.cells()).allSatisfy(c -> assertThat(c.aggregate().numSuccessfulRuns()).isEqualTo(2));
    }

    private static Set<String> completeRuns(Path base) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(p -> p.getFileName().toString().equals("run_status.json")).forEach(p -> {
                try {
                    if (JSON.readTree(p.toFile()).get("status").asText().equals("ok")) {
                        out.add(base.relativize(p.getParent()).toString());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return out;
    }
}
