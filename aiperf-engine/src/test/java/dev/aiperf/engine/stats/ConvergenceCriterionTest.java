package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.MultiRunConfig.ConvergenceConfig;
import dev.aiperf.engine.config.MultiRunConfig.ConvergenceConfig.Mode;
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
    void validationNamesTheFieldAndTheFix() {
        assertThatThrownBy(() -> ConvergenceCriterion.validate(
                multiRun(3, new ConvergenceConfig("m", "avg", Mode.CV, 0.05, 4))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("convergence.min_runs (4) must be <= num_runs (3)");
        assertThatThrownBy(() -> ConvergenceCriterion.validate(
                multiRun(3, new ConvergenceConfig("m", "avg", Mode.CV, 1.5, 2))))
                .hasMessageContaining("threshold").hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> ConvergenceCriterion.validate(
                multiRun(3, new ConvergenceConfig("m", "avg", Mode.CV, 0.05, 1))))
                .hasMessageContaining("min_runs");
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
