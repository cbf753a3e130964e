package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.plan.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.aiperf.engine.stats.RunFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryReaderTest {
    @TempDir
    Path tmp;

    private final RunSummaryReader reader = new RunSummaryReader();

    private static final RunFixtures.Numbers NUMBERS = new RunFixtures.Numbers(47.2, 85.3, 120.0, 900.0);

    @Test
    void readsMetricsRunInfoAndModel() {
        Path dir = tmp.resolve("profile_runs/trial_0002/concurrency_10");
        RunFixtures.writeRun(dir, "trial_0002", 1, "phases.profiling.concurrency=10", 0,
                RunFixtures.values("phases.profiling.concurrency", 10), NUMBERS, 1);
        RunSummary r = reader.read(dir);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.error()).isNull();
        // a cell directory name is not a trial name, so the label comes from run_info
        assertThat(r.label()).isEqualTo("trial_0002");
        assertThat(r.variationLabel()).isEqualTo("phases.profiling.concurrency=10");
        assertThat(r.variationValues()).containsEntry("phases.profiling.concurrency", 10L);
        assertThat(r.runInfo().variationIndex()).isZero();
        assertThat(r.runInfo().trial()).isEqualTo(1);
        assertThat(r.model()).isEqualTo("test-model");
        assertThat(r.metrics()).containsKeys("request_throughput", "time_to_first_token", "request_count");
        assertThat(r.metrics()).doesNotContainKeys("run_info", "schema_version", "input_config");
        assertThat(r.stat("time_to_first_token", "p99")).hasValue(85.3);
        assertThat(r.metrics().get("request_throughput").unit()).isEqualTo("requests/sec");
    }

    @Test
    void trialDirectoryNameWinsOverACopiedRunLabel() {
        Path dir = tmp.resolve("profile_runs/run_0004");
        RunFixtures.writeRun(dir, "run_0001", 0, null, null, RunFixtures.values(), NUMBERS, 1);
        assertThat(reader.read(dir).label()).isEqualTo("run_0004");
    }

    @Test
    void missingSummaryIsNoMetricsFound() {
        Path dir = tmp.resolve("run");
        RunFixtures.writeStatus(dir, "ok", null, null);
        RunSummary r = reader.read(dir);
        assertThat(r.status()).isEqualTo(RunStatus.Status.FAILED);
        assertThat(r.error()).isEqualTo("No metrics found in artifacts - run may have failed to complete");
    }

    @Test
    void zeroRequestsWithErrorsIsAllRequestsFailed() {
        Path dir = tmp.resolve("run");
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("request_count").put("unit", "requests").put("avg", 0);
        root.putObject("error_request_count").put("unit", "requests").put("avg", 7);
        RunFixtures.write(dir.resolve("profile_export_aiperf.json"), root.toString());
        assertThat(reader.read(dir).error()).isEqualTo("All 7 requests failed");
    }

    @Test
    void missingRequestCountWithoutErrorsIsNoRequestsCompleted() {
        Path dir = tmp.resolve("run");
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("request_latency").put("unit", "ms").put("avg", 3);
        RunFixtures.write(dir.resolve("profile_export_aiperf.json"), root.toString());
        RunSummary r = reader.read(dir);
        assertThat(r.status()).isEqualTo(RunStatus.Status.FAILED);
        assertThat(r.error()).isEqualTo("No requests completed");
    }

    @Test
    void failedStatusKeepsTheOrchestratorsError() {
        Path dir = tmp.resolve("run");
        RunFixtures.writeRun(dir, "run_0001", 0, null, null, RunFixtures.values(), NUMBERS, 1);
        RunFixtures.writeStatus(dir, "failed", "Benchmark failed with exit code 3", null);
        RunSummary r = reader.read(dir);
        assertThat(r.status()).isEqualTo(RunStatus.Status.FAILED);
        assertThat(r.error()).isEqualTo("Benchmark failed with exit code 3");
        assertThat(r.runInfo().runLabel()).isEqualTo("run_0001");
    }

    @Test
    void cancelledRunsAreSetAside() {
        Path dir = tmp.resolve("run");
        RunFixtures.writeRun(dir, "run_0001", 0, null, null, RunFixtures.values(), NUMBERS, 1);
        RunFixtures.writeStatus(dir, "cancelled", null, null);
        assertThat(reader.read(dir).status()).isEqualTo(RunStatus.Status.CANCELLED);
    }

    @Test
    void unreadableSummaryIsAFailedRunNotAnException() {
        Path dir = tmp.resolve("run");
        RunFixtures.write(dir.resolve("profile_export_aiperf.json"), "{not json");
        RunSummary r = reader.read(dir);
        assertThat(r.status()).isEqualTo(RunStatus.Status.FAILED);
        assertThat(r.error()).startsWith("Unreadable profile_export_aiperf.json");
    }
}
