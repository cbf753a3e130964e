package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.stats.Aggregates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Baselines kept only as aggregates (per-cell confidence or sweep) give the same verdicts as per-run files. */
class AggregateInputTest {

    @TempDir
    Path tmp;

    private static final String LATENCY_10 = "\"request_latency_p99\":{\"mean\":100.0,\"std\":2.0,\"min\":98,\"max\":102,"
            + "\"cv\":0.02,\"ci_low\":95.03,\"ci_high\":104.97,\"unit\":\"ms\"},"
            + "\"request_throughput_avg\":{\"mean\":50.0,\"std\":0.0,\"unit\":\"requests/sec\"}";
    private static final String LATENCY_20 = "\"request_latency_p99\":{\"mean\":150.0,\"std\":2.0,\"unit\":\"ms\"},"
            + "\"request_throughput_avg\":{\"mean\":90.0,\"std\":0.0,\"unit\":\"requests/sec\"}";

    private ComparisonReport againstCandidate(Path baseline) {
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133).cell(20, 90.0, 151, 149, 150);
        return Comparison.compare(baseline, tmp.resolve("cand"),
                CompareOptions.defaults().withMetrics(java.util.List.of("request_latency_p99", "request_throughput_avg")));
    }

    private static ComparisonRow latency(ComparisonReport report, String cell) {
        return report.rows().stream()
                .filter(r -> r.cellKey().equals(cell) && r.metric().key().equals("request_latency_p99"))
                .findFirst().orElseThrow();
    }

    @Test
    void sweepAggregateBaselineGivesTheSameTestAsItsRuns() throws Exception {
        new ResultsFixture(tmp.resolve("runs")).cell(10, 50.0, 100, 102, 98).cell(20, 90.0, 150, 152, 148);
        Path sweep = tmp.resolve("agg/aggregate/sweep_aggregate/profile_export_aiperf_sweep.json");
        Files.createDirectories(sweep.getParent());
        Files.writeString(sweep, "{\"aggregation_type\":\"sweep\",\"metadata\":{\"num_trials_per_value\":3},"
                + "\"per_combination_metrics\":["
                + "{\"parameters\":{\"concurrency\":10},\"metrics\":{" + LATENCY_10 + "}},"
                + "{\"parameters\":{\"concurrency\":20},\"metrics\":{" + LATENCY_20 + "}}]}");

        ComparisonReport fromRuns = againstCandidate(tmp.resolve("runs"));
        ComparisonReport fromDir = againstCandidate(tmp.resolve("agg"));
        ComparisonReport fromFile = againstCandidate(sweep);

        for (ComparisonReport r : java.util.List.of(fromDir, fromFile)) {
            assertThat(latency(r, "concurrency=10").verdict()).isEqualTo(Verdict.REGRESSION);
            assertThat(latency(r, "concurrency=10").pValue())
                    .isEqualTo(latency(fromRuns, "concurrency=10").pValue(), offset(1e-12));
            assertThat(latency(r, "concurrency=10").baselineTrials()).isEqualTo(3);
            assertThat(latency(r, "concurrency=20").verdict()).isEqualTo(Verdict.NO_CHANGE);
        }
    }

    @Test
    void perCellAggregatesAreUsedWhenNoRunIsKept() throws Exception {
        for (int c : new int[] {10, 20}) {
            Path file = tmp.resolve("agg/aggregate/concurrency_" + c + "/profile_export_aiperf_aggregate.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"schema_version\":\"1.0\",\"metadata\":{\"aggregation_type\":\"confidence\","
                    + "\"num_profile_runs\":3,\"num_successful_runs\":3,\"variation_label\":\"concurrency=" + c + "\","
                    + "\"variation_values\":{\"phases.profiling.concurrency\":" + c + "}},"
                    + "\"metrics\":{" + (c == 10 ? LATENCY_10 : LATENCY_20) + "}}");
        }

        ComparisonReport report = againstCandidate(tmp.resolve("agg"));

        assertThat(latency(report, "concurrency=10").verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(latency(report, "concurrency=10").unit()).isEqualTo("ms");
        assertThat(latency(report, "concurrency=20").baselineMean()).isEqualTo(150.0);
        assertThat(report.regressions()).hasSize(1);
    }

    @Test
    void aggregatesOfRunsWithAFailedTrialGiveTheSameTestAsTheRunsAndListIt() {
        new ResultsFixture(tmp.resolve("runs")).withRunStatus().cell(10, 50.0, 100, 102, 98, 30)
                .cell(20, 90.0, 150, 152, 148, 149).status(10, 3, "failed", "All 20 requests failed");
        Aggregates.recompute(tmp.resolve("runs"), 0.95);
        Path sweep = tmp.resolve("runs/aggregate/sweep_aggregate/profile_export_aiperf_sweep.json");
        assertThat(sweep).exists();

        ComparisonReport fromRuns = againstCandidate(tmp.resolve("runs"));
        ComparisonReport fromCells = againstCandidate(tmp.resolve("runs/aggregate"));
        ComparisonReport fromSweep = againstCandidate(sweep);

        for (ComparisonReport r : List.of(fromRuns, fromCells, fromSweep)) {
            assertThat(latency(r, "concurrency=10").baselineTrials()).isEqualTo(3);
            assertThat(latency(r, "concurrency=10").baselineMean()).isEqualTo(100.0, offset(1e-9));
            assertThat(latency(r, "concurrency=10").pValue())
                    .isEqualTo(latency(fromRuns, "concurrency=10").pValue(), offset(1e-12));
            assertThat(latency(r, "concurrency=20").baselineTrials()).isEqualTo(4);
        }
        assertThat(fromRuns.excluded())
                .containsExactly("baseline concurrency=10 trial_0004: failed (All 20 requests failed)");
        assertThat(fromCells.excluded()).containsExactly("baseline concurrency=10 trial_0004: failed"
                + " (All 20 requests failed) [per profile_export_aiperf_aggregate.json]");
        assertThat(fromSweep.excluded()).containsExactly("baseline concurrency=10 trial_0004: failed"
                + " (All 20 requests failed) [per profile_export_aiperf_sweep.json]");
    }

    @Test
    void cellAggregateListsItsCancelledRuns() throws Exception {
        Path file = tmp.resolve("agg/aggregate/concurrency_10/profile_export_aiperf_aggregate.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"metadata\":{\"num_profile_runs\":3,\"num_successful_runs\":3,"
                + "\"failed_runs\":[],\"cancelled_runs\":[\"trial_0004\"],\"variation_label\":\"concurrency=10\","
                + "\"variation_values\":{\"phases.profiling.concurrency\":10}},\"metrics\":{" + LATENCY_10 + "}}");
        Path file20 = tmp.resolve("agg/aggregate/concurrency_20/profile_export_aiperf_aggregate.json");
        Files.createDirectories(file20.getParent());
        Files.writeString(file20, "{\"metadata\":{\"num_successful_runs\":3,\"variation_label\":\"concurrency=20\","
                + "\"variation_values\":{\"phases.profiling.concurrency\":20}},\"metrics\":{" + LATENCY_20 + "}}");

        ComparisonReport report = againstCandidate(tmp.resolve("agg"));

        assertThat(latency(report, "concurrency=10").baselineTrials()).isEqualTo(3);
        assertThat(report.excluded()).containsExactly(
                "baseline concurrency=10 trial_0004: cancelled [per profile_export_aiperf_aggregate.json]");
    }

    @Test
    void sweepAggregateCellWhoseRunsAllFailedIsAnError() {
        new ResultsFixture(tmp.resolve("runs")).withRunStatus().cell(10, 50.0, 100, 102, 98)
                .cell(20, 90.0, 150, 152, 148)
                .status(20, 0, "failed", "No requests completed").status(20, 1, "failed", "No requests completed")
                .status(20, 2, "failed", "No requests completed");
        Aggregates.recompute(tmp.resolve("runs"), 0.95);
        Path sweep = tmp.resolve("runs/aggregate/sweep_aggregate/profile_export_aiperf_sweep.json");

        assertThatThrownBy(() -> againstCandidate(sweep)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("baseline: every trial of cell concurrency=20 was left out (trial_0001: failed"
                        + " (No requests completed) [per profile_export_aiperf_sweep.json]; trial_0002: failed");
    }

    @Test
    void aFileThatIsNoAggregateIsRefused() throws Exception {
        Path other = tmp.resolve("results.json");
        Files.writeString(other, "{}");
        assertThatThrownBy(() -> ResultSet.read(other, "baseline")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a results directory");
        Path emptySweep = tmp.resolve("profile_export_aiperf_sweep.json");
        Files.writeString(emptySweep, "{\"per_combination_metrics\":[]}");
        assertThatThrownBy(() -> ResultSet.read(emptySweep, "baseline")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no per_combination_metrics");
    }
}
