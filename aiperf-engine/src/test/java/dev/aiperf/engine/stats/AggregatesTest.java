package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.aiperf.engine.stats.RunFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AggregatesTest {
    @TempDir
    Path tmp;

    private static final int[] CONCURRENCY = {4, 8, 16, 32};

    /** Writes a 4-cell × 3-trial concurrency sweep with seeded noise; trial 2 of concurrency 16 fails. */
    private static void writeSweep(Path base, boolean repeated, long seed) {
        Random rnd = new Random(seed);
        for (int trial = 1; trial <= 3; trial++) {
            for (int v = 0; v < CONCURRENCY.length; v++) {
                int c = CONCURRENCY[v];
                String d = "concurrency_" + c;
                String t = "trial_%04d".formatted(trial);
                Path dir = repeated ? base.resolve("profile_runs").resolve(t).resolve(d)
                        : base.resolve(d).resolve("profile_runs").resolve(t);
                Map<String, Object> values = RunFixtures.values("phases.profiling.concurrency", c);
                String label = "phases.profiling.concurrency=" + c;
                if (c == 16 && trial == 2) {
                    RunFixtures.writeFailedRun(dir, t, trial - 1, label, v, values,
                            "Benchmark failed with exit code 1: connection refused");
                    continue;
                }
                double tput = 25 * Math.log(c + 1) * (1 + 0.03 * rnd.nextGaussian());
                double ttft = 20 * c * (1 + 0.05 * rnd.nextGaussian());
                RunFixtures.writeRun(dir, t, trial - 1, label, v, values,
                        new RunFixtures.Numbers(tput, ttft, ttft * 3, tput * 100), rnd.nextLong());
            }
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /** Reads the per-run exports directly (no production reader) and groups by cell. */
    private static Map<Integer, List<JsonNode>> perRunExports(Path base) throws IOException {
        Map<Integer, List<JsonNode>> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals("profile_export_aiperf.json")).sorted().toList()) {
                JsonNode n = json(p);
                int c = n.path("run_info").path("variation_values").path("phases.profiling.concurrency").asInt();
                out.computeIfAbsent(c, k -> new ArrayList<>()).add(n);
            }
        }
        return out;
    }

    private static void assertMatchesRecomputation(JsonNode block, List<JsonNode> runs, String tag, String stat) {
        double[] v = runs.stream().mapToDouble(r -> r.path(tag).path(stat).asDouble()).toArray();
        int n = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x / n;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        assertThat(block.path("mean").asDouble()).isCloseTo(mean, within(1e-9));
        assertThat(block.path("std").asDouble()).isCloseTo(std, within(1e-9));
        assertThat(block.path("se").asDouble()).isCloseTo(std / Math.sqrt(n), within(1e-9));
        assertThat(block.path("t_critical").asDouble()).isCloseTo(t, within(1e-9));
        assertThat(block.path("ci_low").asDouble()).isCloseTo(mean - t * std / Math.sqrt(n), within(1e-9));
        assertThat(block.path("ci_high").asDouble()).isCloseTo(mean + t * std / Math.sqrt(n), within(1e-9));
        assertThat(block.path("cv").asDouble()).isCloseTo(std / mean, within(1e-12));
    }

    private void checkSweep(Path base, Path sweepFile, java.util.function.IntFunction<Path> cellAggregateDir)
            throws IOException {
        JsonNode sweep = json(sweepFile);
        Map<Integer, List<JsonNode>> runs = perRunExports(base);
        assertThat(sweep.path("aggregation_type").asText()).isEqualTo("sweep");
        assertThat(sweep.path("num_profile_runs").asInt()).isEqualTo(12);
        assertThat(sweep.path("num_successful_runs").asInt()).isEqualTo(11);
        assertThat(sweep.path("failed_runs")).hasSize(1);
        assertThat(sweep.path("failed_runs").get(0).path("error").asText()).contains("connection refused");
        assertThat(sweep.path("metadata").path("num_combinations").asInt()).isEqualTo(4);
        assertThat(sweep.path("metadata").path("num_trials_per_value").asInt()).isEqualTo(3);
        assertThat(sweep.path("metadata").path("sweep_parameters").get(0).path("name").asText()).isEqualTo("concurrency");

        double[] x = new double[4];
        double[] y = new double[4];
        JsonNode combos = sweep.path("per_combination_metrics");
        assertThat(combos).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode combo = combos.get(i);
            int c = combo.path("parameters").path("concurrency").asInt();
            assertThat(c).isEqualTo(CONCURRENCY[i]);
            JsonNode m = combo.path("metrics");
            assertMatchesRecomputation(m.path("request_throughput_avg"), runs.get(c), "request_throughput", "avg");
            assertMatchesRecomputation(m.path("time_to_first_token_p99"), runs.get(c), "time_to_first_token", "p99");
            x[i] = m.path("request_throughput_avg").path("mean").asDouble();
            y[i] = m.path("time_to_first_token_p99").path("mean").asDouble();

            JsonNode cell = json(cellAggregateDir.apply(c).resolve("profile_export_aiperf_aggregate.json"));
            assertMatchesRecomputation(cell.path("metrics").path("request_latency_p99"), runs.get(c),
                    "request_latency", "p99");
            assertThat(cell.path("metadata").path("num_successful_runs").asInt()).isEqualTo(runs.get(c).size());
            assertThat(cell.path("metadata").path("variation_values").path("phases.profiling.concurrency").asInt())
                    .isEqualTo(c);
            assertThat(cell.path("metadata").path("model").asText()).isEqualTo("test-model");
        }
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i : ParetoFrontTest.bruteForce(x, y)) {
            expected.add(Map.of("concurrency", CONCURRENCY[i]));
        }
        List<Map<String, Object>> actual = new ArrayList<>();
        sweep.path("pareto_optimal").forEach(p -> actual.add(Map.of("concurrency", p.path("concurrency").asInt())));
        assertThat(actual).isEqualTo(expected);
        int argmax = 0;
        for (int i = 1; i < 4; i++) {
            argmax = x[i] > x[argmax] ? i : argmax;
        }
        assertThat(sweep.path("best_configurations").path("best_throughput").path("parameters").path("concurrency")
                .asInt()).isEqualTo(CONCURRENCY[argmax]);
    }

    @Test
    void repeatedLayout() throws IOException {
        Path base = tmp.resolve("repeated");
        writeSweep(base, true, 11);
        Aggregates.Report report = Aggregates.recompute(base, 0.95);
        assertThat(report.warnings()).isEmpty();
        Path sweepFile = base.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json");
        assertThat(report.written()).contains(sweepFile, base.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.csv"));
        checkSweep(base, sweepFile, c -> base.resolve("aggregate/concurrency_" + c));
        assertThat(json(sweepFile).path("metadata").path("sweep_mode").asText()).isEqualTo("repeated");
    }

    @Test
    void independentLayout() throws IOException {
        Path base = tmp.resolve("independent");
        writeSweep(base, false, 12);
        Aggregates.Report report = Aggregates.recompute(base, 0.95);
        assertThat(report.warnings()).isEmpty();
        Path sweepFile = base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json");
        checkSweep(base, sweepFile, c -> base.resolve("concurrency_" + c + "/aggregate"));
        assertThat(json(sweepFile).path("metadata").path("sweep_mode").asText()).isEqualTo("independent");
    }

    private static Map<Path, String> snapshot(Path base) throws IOException {
        Map<Path, String> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(base.relativize(p), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void recomputeIsIdempotentAndPicksUpRunsMergedFromAnotherDay() throws IOException {
        Path base = tmp.resolve("sweep");
        writeSweep(base, true, 13);
        Aggregates.recompute(base, 0.95);
        Map<Path, String> first = snapshot(base);
        Aggregates.recompute(base, 0.95);
        assertThat(snapshot(base)).isEqualTo(first);

        // a fourth trial run on another day, copied in; its run_info still says trial_0001
        Path other = tmp.resolve("other-day");
        writeSweep(other, true, 99);
        copyTree(other.resolve("profile_runs/trial_0001"), base.resolve("profile_runs/trial_0004"));
        Aggregates.recompute(base, 0.95);
        JsonNode cell = json(base.resolve("aggregate/concurrency_8/profile_export_aiperf_aggregate.json"));
        assertThat(cell.path("metadata").path("num_successful_runs").asInt()).isEqualTo(4);
        assertThat(cell.path("metadata").path("run_labels").toString())
                .isEqualTo("[\"trial_0001\",\"trial_0002\",\"trial_0003\",\"trial_0004\"]");
        JsonNode sweep = json(base.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json"));
        assertThat(sweep.path("num_profile_runs").asInt()).isEqualTo(16);
        assertThat(sweep.path("metadata").path("num_trials_per_value").asInt()).isEqualTo(4);
        Map<Path, String> merged = snapshot(base);
        Aggregates.recompute(base, 0.95);
        assertThat(snapshot(base)).isEqualTo(merged);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void multiRunWithoutSweepWritesTheSeedShape() throws IOException {
        Path base = tmp.resolve("multi");
        double[] tput = {45.0, 47.0, 49.6, 44.9, 49.5};
        for (int i = 0; i < 5; i++) {
            RunFixtures.writeRun(base.resolve("profile_runs/run_%04d".formatted(i + 1)), "run_%04d".formatted(i + 1),
                    i, null, null, RunFixtures.values(), new RunFixtures.Numbers(tput[i], 85, 120, 900), i);
        }
        RunFixtures.writeFailedRun(base.resolve("profile_runs/run_0006"), "run_0006", 5, null, null, null,
                "Connection timeout");
        Aggregates.Report report = Aggregates.recompute(base, 0.95);
        assertThat(report.sweep()).isNull();
        Path file = base.resolve("aggregate/profile_export_aiperf_aggregate.json");
        JsonNode root = json(file);
        assertThat(root.path("schema_version").asText()).isEqualTo("1.0");
        assertThat(root.has("aiperf_version")).isTrue();
        JsonNode md = root.path("metadata");
        List<String> keys = new ArrayList<>();
        md.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("aggregation_type", "num_profile_runs", "num_successful_runs",
                "failed_runs", "confidence_level", "run_labels", "model");
        assertThat(md.path("failed_runs").get(0).toString())
                .isEqualTo("{\"label\":\"run_0006\",\"error\":\"Connection timeout\"}");
        JsonNode b = root.path("metrics").path("request_throughput_avg");
        List<String> fields = new ArrayList<>();
        b.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high",
                "t_critical", "unit");
        assertThat(b.path("t_critical").asDouble()).isCloseTo(2.776, within(0.001));
        assertThat(b.path("unit").asText()).isEqualTo("requests/sec");

        String csv = Files.readString(base.resolve("aggregate/profile_export_aiperf_aggregate.csv"));
        String[] parts = csv.split("\n\n");
        assertThat(parts).hasSize(2);
        assertThat(parts[0].split("\n")[0]).isEqualTo("metric,mean,std,min,max,cv,se,ci_low,ci_high,t_critical,unit");
        // 45, 47, 49.6, 44.9, 49.5: mean 47.2, s² = 21.22/4, se = s/√5, t(0.975, 4) = 2.7764
        assertThat(parts[0]).contains("\nrequest_throughput_avg,47.20,2.30,44.90,49.60,0.0488,1.0300,44.34,50.06,"
                + "2.7764,requests/sec\n");
        assertThat(parts[1]).startsWith("Aggregation Type,confidence\nTotal Runs,6\nSuccessful Runs,5\n"
                + "Failed Runs,\"[{\"\"label\"\":\"\"run_0006\"\",\"\"error\"\":\"\"Connection timeout\"\"}]\"\n"
                + "Confidence Level,0.95\n");
    }

    @Test
    void zeroMeanWritesNullCvAndInfInCsv() {
        List<RunSummary> runs = List.of(
                RunSummary.ok("run_0001", null, Map.of("x", new MetricBlock("u", Map.of("avg", 1.0)))),
                RunSummary.ok("run_0002", null, Map.of("x", new MetricBlock("u", Map.of("avg", -1.0)))));
        CellAggregate a = new ConfidenceAggregator(0.95).aggregate(runs);
        assertThat(CellAggregateWriter.json(a, CellMetadata.NONE)).contains("\"cv\" : null");
        assertThat(CellAggregateWriter.csv(a, CellMetadata.NONE)).contains("\nx_avg,0.00,1.41,-1.00,1.00,inf,1.0000,");
    }

    @Test
    void slaFiltersAreRecordedInTheSweepMetadata() throws IOException {
        Path base = tmp.resolve("sla");
        writeSweep(base, false, 14);
        Aggregates.recompute(base, 0.95, List.of(SlaRule.parse("time_to_first_token:p99:le:200")));
        JsonNode sweep = json(base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json"));
        JsonNode sla = sweep.path("metadata").path("sla_constraints");
        assertThat(sla.path("active_filters").get(0).toString())
                .isEqualTo("{\"metric_tag\":\"time_to_first_token\",\"stat\":\"p99\",\"op\":\"le\",\"threshold\":200.0}");
        int feasible = 0;
        for (JsonNode c : sweep.path("per_combination_metrics")) {
            boolean ok = c.path("metrics").path("time_to_first_token_p99").path("mean").asDouble() <= 200;
            assertThat(c.path("sla_feasible").asBoolean()).isEqualTo(ok);
            feasible += ok ? 1 : 0;
        }
        assertThat(sla.path("feasible_count").asInt()).isEqualTo(feasible);
        assertThat(sla.path("infeasible_count").asInt()).isEqualTo(4 - feasible);
        for (JsonNode p : sweep.path("pareto_optimal")) {
            assertThat(p.path("concurrency").asInt()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void emptyOrMissingDirectoryIsBadInput() {
        assertThatThrownBy(() -> Aggregates.recompute(tmp.resolve("nope"), 0.95))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> Aggregates.recompute(tmp, 0.95))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no run directories");
    }

    @Test
    void allFailedCellIsAWarningNotACrash() throws IOException {
        Path base = tmp.resolve("failed");
        for (int i = 1; i <= 2; i++) {
            RunFixtures.writeFailedRun(base.resolve("profile_runs/run_%04d".formatted(i)), "run_%04d".formatted(i),
                    i - 1, null, null, null, "refused");
        }
        Aggregates.Report report = Aggregates.recompute(base, 0.95);
        assertThat(report.ok()).isFalse();
        assertThat(report.warnings()).singleElement().asString().startsWith("All runs failed");
    }

    @Test
    void oneTrialSweepAndAdaptiveLayouts() throws IOException {
        Path single = tmp.resolve("single");
        for (int v = 0; v < 2; v++) {
            int c = CONCURRENCY[v];
            RunFixtures.writeRun(single.resolve("concurrency_" + c), "run_0001", 0, "phases.profiling.concurrency=" + c,
                    v, RunFixtures.values("phases.profiling.concurrency", c),
                    new RunFixtures.Numbers(10 * c, 5 * c, 15 * c, 900), v);
        }
        Aggregates.recompute(single, 0.95);
        JsonNode cell = json(single.resolve("aggregate/concurrency_4/profile_export_aiperf_aggregate.json"));
        assertThat(cell.path("metadata").path("single_run").asBoolean()).isTrue();
        JsonNode sweep = json(single.resolve("sweep_aggregate/profile_export_aiperf_sweep.json"));
        JsonNode nested = sweep.path("per_combination_metrics").get(1).path("metrics").path("time_to_first_token");
        assertThat(nested.path("mean").asDouble()).isEqualTo(40 * 0.7, within(1e-9));
        assertThat(nested.path("count").asInt()).isEqualTo(20);

        Path adaptive = tmp.resolve("adaptive");
        for (int it = 1; it <= 2; it++) {
            for (int r = 1; r <= 2; r++) {
                RunFixtures.writeRun(adaptive.resolve("search_iter_%04d/profile_runs/run_%04d".formatted(it, r)),
                        "run_%04d".formatted(r), r - 1, "search_iter_%04d".formatted(it), it - 1,
                        RunFixtures.values("phases.profiling.concurrency", 7 * it),
                        new RunFixtures.Numbers(10 * it + r, 20 * it, 60 * it, 900), r);
            }
        }
        Aggregates.recompute(adaptive, 0.95);
        assertThat(json(adaptive.resolve("search_iter_0002/aggregate/profile_export_aiperf_aggregate.json"))
                .path("metrics").path("request_throughput_avg").path("mean").asDouble()).isEqualTo(21.5);
        assertThat(json(adaptive.resolve("sweep_aggregate/profile_export_aiperf_sweep.json"))
                .path("pareto_optimal")).hasSize(2);
    }
}
