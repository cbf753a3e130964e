package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.MultiRunBinder;
import dev.aiperf.engine.config.MultiRunConfig.ConvergenceConfig.Mode;
import dev.aiperf.engine.config.MultiRunConfig.ConvergenceConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.aiperf.engine.stats.RunFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConvergenceCriterionTest {
    @TempDir
    Path tmp;

    private static RunSummary run(int i, double throughput) {
        return RunSummary.ok("run_%04d".formatted(i), null,
                Map.of("request_throughput", new MetricBlock("requests/sec", Map.of("avg", throughput))));
    }

    private static MultiRunConfig multiRun(int numRuns, ConvergenceConfig c) {
        return new MultiRunConfig(numRuns, 0, 0.95, true, false, true, c);
    }

    @Test
    void ciWidthComparesTheRelativeIntervalWidth() {
        var c = new ConvergenceCriterion.CiWidth("request_throughput", "avg", 0.10, 0.95, 2);
        // 100, 102, 98: se = 2/sqrt(3), t(0.975, 2) = 4.3027 -> width = 2*4.3027*1.1547/100 = 0.0994
        var v = c.evaluate(List.of(run(1, 100), run(2, 102), run(3, 98)));
        assertThat(v.value()).isCloseTo(2 * 4.302653 * (2 / Math.sqrt(3)) / 100, within(1e-5));
        assertThat(v.converged()).isTrue();
        assertThat(new ConvergenceCriterion.CiWidth("request_throughput", "avg", 0.09, 0.95, 2)
                .evaluate(List.of(run(1, 100), run(2, 102), run(3, 98))).converged()).isFalse();
        assertThat(c.evaluate(List.of(run(1, 100))).converged()).isFalse();
        assertThat(c.evaluate(List.of(run(1, 0), run(2, 0))).converged()).isFalse();
    }

    @Test
    void cvUsesTheSampleStandardDeviation() {
        var c = new ConvergenceCriterion.Cv("request_throughput", "avg", 0.05, 2);
        var v = c.evaluate(List.of(run(1, 90), run(2, 110)));
        assertThat(v.value()).isCloseTo(Math.sqrt(200) / 100, within(1e-12));
        assertThat(v.converged()).isFalse();
        assertThat(c.evaluate(List.of(run(1, 100), run(2, 101), run(3, 99))).converged()).isTrue();
    }

    @Test
    void failedRunsAreIgnoredByTheCriteria() {
        var c = new ConvergenceCriterion.Cv("request_throughput", "avg", 0.05, 2);
        assertThat(c.evaluate(List.of(run(1, 100), RunSummary.failed("run_0002", null, "x"), run(3, 100.5)))
                .converged()).isTrue();
    }

    private RunSummary runWithRequests(int i, double mean, long seed, int requests) {
        Path dir = tmp.resolve("profile_runs/run_%04d".formatted(i));
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < requests; k++) {
            ObjectNode rec = MAPPER.createObjectNode();
            rec.putObject("metadata").put("request_index", k);
            rec.putObject("metrics").putObject("request_latency").put("value", mean + 10 * rnd.nextGaussian())
                    .put("unit", "ms");
            rec.putNull("error");
            sb.append(rec).append('\n');
        }
        // an errored request must not count
        ObjectNode bad = MAPPER.createObjectNode();
        bad.putObject("metrics").putObject("request_latency").put("value", 1e9).put("unit", "ms");
        bad.putObject("error").put("code", 500);
        sb.append(bad).append('\n');
        RunFixtures.write(dir.resolve("profile_export.jsonl"), sb.toString());
        return run(i, 10).withDirectory(dir);
    }

    @Test
    void distributionTestPoolsEarlierRunsAgainstTheLast() {
        var ks = new ConvergenceCriterion.Distribution("request_latency", 0.05, 2);
        List<RunSummary> same = List.of(runWithRequests(1, 100, 1, 200), runWithRequests(2, 100, 2, 200),
                runWithRequests(3, 100, 3, 200));
        var v = ks.evaluate(same);
        assertThat(v.converged()).as(v.detail()).isTrue();
        assertThat(v.value()).isGreaterThan(0.05);

        List<RunSummary> shifted = List.of(runWithRequests(1, 100, 1, 200), runWithRequests(2, 100, 2, 200),
                runWithRequests(3, 115, 3, 200));
        var w = ks.evaluate(shifted);
        assertThat(w.converged()).as(w.detail()).isFalse();
        assertThat(w.value()).isLessThan(1e-6);
    }

    @Test
    void requestValuesSkipErroredRequests() {
        RunSummary r = runWithRequests(1, 100, 1, 50);
        double[] v = RequestValues.of(r.directory(), "request_latency");
        assertThat(v).hasSize(50);
        assertThat(java.util.Arrays.stream(v).max().orElseThrow()).isLessThan(1e6);
    }

    @Test
    void shouldStopWithoutConvergenceRunsAllTrials() {
        MultiRunConfig cfg = multiRun(3, null);
        assertThat(ConvergenceCriterion.shouldStop(List.of(run(1, 1), run(2, 1)), cfg).stop()).isFalse();
        assertThat(ConvergenceCriterion.shouldStop(List.of(run(1, 1), run(2, 1), run(3, 1)), cfg).reason())
                .isEqualTo("num_runs");
    }

    @Test
    void shouldStopHonoursMinRunsAndNumRuns() {
        MultiRunConfig cfg = multiRun(5, new ConvergenceConfig("request_throughput", "avg", Mode.CV, 0.05, 3));
        List<RunSummary> steady = new ArrayList<>(List.of(run(1, 100), run(2, 100.1)));
        assertThat(ConvergenceCriterion.shouldStop(steady, cfg).stop()).as("below min_runs").isFalse();
        steady.add(run(3, 99.9));
        var d = ConvergenceCriterion.shouldStop(steady, cfg);
        assertThat(d.stop()).isTrue();
        assertThat(d.reason()).isEqualTo("converged");
        assertThat(d.verdict().value()).isLessThan(0.05);

        List<RunSummary> noisy = new ArrayList<>(List.of(run(1, 50), run(2, 150), run(3, 100)));
        assertThat(ConvergenceCriterion.shouldStop(noisy, cfg).stop()).isFalse();
        noisy.add(run(4, 70));
        noisy.add(run(5, 130));
        assertThat(ConvergenceCriterion.shouldStop(noisy, cfg).reason()).isEqualTo("num_runs");
    }

    @Test
    void criterionErrorsCountAsNotConverged() {
        MultiRunConfig cfg = multiRun(5, new ConvergenceConfig("request_latency", "avg", Mode.DISTRIBUTION, 0.05, 2));
        Path dir = tmp.resolve("broken");
        RunFixtures.write(dir.resolve("profile_export.jsonl"), "{oops\n");
        var d = ConvergenceCriterion.shouldStop(List.of(run(1, 1).withDirectory(dir), run(2, 1).withDirectory(dir)), cfg);
        assertThat(d.stop()).isFalse();
        assertThat(d.verdict().detail()).startsWith("criterion failed");
    }

    @Test
    void defaultThresholdsPerMode() {
        assertThat(((ConvergenceCriterion.CiWidth) ConvergenceCriterion.of(
                new ConvergenceConfig("m", null, Mode.CI_WIDTH, Double.NaN, 2), 0.95)).threshold()).isEqualTo(0.10);
        assertThat(((ConvergenceCriterion.Cv) ConvergenceCriterion.of(
                new ConvergenceConfig("m", "avg", Mode.CV, 0, 2), 0.95)).threshold()).isEqualTo(0.05);
        assertThat(((ConvergenceCriterion.Distribution) ConvergenceCriterion.of(
                new ConvergenceConfig("m", "avg", Mode.DISTRIBUTION, Double.NaN, 2), 0.95)).threshold()).isEqualTo(0.05);
    }

    @Test
    void theMultiRunBlockIsValidatedWhereItIsRead() {
        assertThatThrownBy(() -> MultiRunBinder.bind(yaml("{num_runs: 3, convergence: {metric: m, min_runs: 4}}"),
                SourceLines.NONE, "multi_run")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("convergence.min_runs (4) must be <= num_runs (3)");
        assertThatThrownBy(() -> MultiRunBinder.bind(yaml("{num_runs: 3, convergence: {metric: m, threshold: 1.5}}"),
                SourceLines.NONE, "multi_run")).hasMessageContaining("threshold").hasMessageContaining("exclusive");
        assertThatThrownBy(() -> MultiRunBinder.bind(yaml("{num_runs: 3, convergence: {metric: m, min_runs: 1}}"),
                SourceLines.NONE, "multi_run")).hasMessageContaining("min_runs");
    }

    private static JsonNode yaml(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A run whose successful requests had exactly these request latencies. */
    private RunSummary runWithLatencies(int i, double... latencies) {
        Path dir = tmp.resolve("exact/run_%04d".formatted(i));
        StringBuilder sb = new StringBuilder();
        for (double v : latencies) {
            ObjectNode rec = MAPPER.createObjectNode();
            rec.putObject("metrics").putObject("request_latency").put("value", v).put("unit", "ms");
            rec.putNull("error");
            sb.append(rec).append('\n');
        }
        RunFixtures.write(dir.resolve("profile_export.jsonl"), sb.toString());
        return run(i, 10).withDirectory(dir);
    }

    @Test
    void distributionMatchesTheExactKolmogorovSmirnovTestComputedByHand() {
        var ks = new ConvergenceCriterion.Distribution("request_latency", 0.05, 2);
        // Earlier runs pooled {1, 2, 3, 4} against the last run {5, 6, 7, 8}: the empirical CDFs are 1 apart at x = 4,
        // D = 1, and only 2 of the C(8, 4) = 70 equally likely splits reach it, so the exact two-sided p = 2/70.
        var apart = ks.evaluate(List.of(runWithLatencies(1, 1, 2), runWithLatencies(2, 3, 4),
                runWithLatencies(3, 5, 6, 7, 8)));
        assertThat(apart.value()).isCloseTo(2.0 / 70, within(1e-9));
        assertThat(apart.converged()).as("p <= 0.05: the last run differs").isFalse();
        // Interleaved {1, 3, 5, 7} against {2, 4, 6, 8}: D = 1/4, reached or beaten by 68 of the 70 splits.
        var mixed = ks.evaluate(List.of(runWithLatencies(1, 1, 3), runWithLatencies(2, 5, 7),
                runWithLatencies(3, 2, 4, 6, 8)));
        assertThat(mixed.value()).isCloseTo(1.0, within(1e-9));
        assertThat(mixed.converged()).isTrue();
    }

    @Test
    void theOutcomeSaysWhyTheTrialsStopped() {
        ConvergenceConfig cv = new ConvergenceConfig("request_throughput", "avg", Mode.CV, 0.05, 2);
        // 100 and 102: std = sqrt(2) = 1.4142, mean 101, cv = 0.0140 < 0.05 after the minimum of 2 trials.
        var early = ConvergenceCriterion.outcome(List.of(run(1, 100), run(2, 102)), multiRun(8, cv));
        assertThat(early.reason()).isEqualTo("converged");
        assertThat(early.converged()).isTrue();
        assertThat(early.runsCompleted()).isEqualTo(2);
        assertThat(early.runsPlanned()).isEqualTo(8);
        assertThat(early.value()).isCloseTo(Math.sqrt(2) / 101, within(1e-12));
        assertThat(early.describe()).isEqualTo("converged after 2 of 8 trials (cv 0.0140 < 0.0500)");

        var all = ConvergenceCriterion.outcome(List.of(run(1, 50), run(2, 150), run(3, 100)), multiRun(3, cv));
        assertThat(all.reason()).isEqualTo("num_runs");
        assertThat(all.converged()).isFalse();
        assertThat(all.describe()).startsWith("ran all 3 trials, not converged (cv 0.5000 >= 0.0500");

        var cut = ConvergenceCriterion.outcome(List.of(run(1, 50), run(2, 150)), multiRun(8, cv));
        assertThat(cut.reason()).isEqualTo("incomplete");
        assertThat(ConvergenceCriterion.outcome(List.of(run(1, 50)), multiRun(8, null))).isNull();
    }

    @Test
    void collatedExportPoolsRequestsAcrossRuns() throws Exception {
        List<RunSummary> runs = List.of(runWithRequests(1, 100, 1, 30), runWithRequests(2, 100, 2, 40));
        Path file = CollatedExportWriter.write(tmp.resolve("aggregate"), runs);
        JsonNode root = MAPPER.readTree(file.toFile());
        assertThat(root.path("combined").path("request_latency").path("count").asInt()).isEqualTo(70);
        assertThat(root.path("per_run")).hasSize(2);
        assertThat(root.path("per_run").get(1).path("metrics").path("request_latency").path("count").asInt())
                .isEqualTo(40);
        double[] all = new double[70];
        System.arraycopy(RequestValues.of(runs.get(0).directory(), "request_latency"), 0, all, 0, 30);
        System.arraycopy(RequestValues.of(runs.get(1).directory(), "request_latency"), 0, all, 30, 40);
        java.util.Arrays.sort(all);
        double pos = 0.99 * 69;
        double p99 = all[(int) pos] + (all[(int) pos + 1] - all[(int) pos]) * (pos - (int) pos);
        assertThat(root.path("combined").path("request_latency").path("p99").asDouble()).isCloseTo(p99, within(1e-9));
        assertThat(root.path("combined").path("request_latency").path("unit").asText()).isEqualTo("ms");
    }
}
