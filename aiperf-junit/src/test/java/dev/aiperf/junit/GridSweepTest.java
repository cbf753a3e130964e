package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.stats.SweepAggregateWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class GridSweepTest {

    static final List<CellResult> CELLS = new CopyOnWriteArrayList<>();

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Grid {
        @BenchmarkTest(requestCount = 12, isl = 32, osl = 8, streaming = true, seed = 7)
        @Sweep(parameters = @Param(path = "concurrency", values = {"1", "2", "4"}))
        void saturation(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void oneInvocationPerCellNamedByItsValuesWithTheCellInjected() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Grid.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(Kit.names(results.testEvents()))
                .containsExactly("concurrency=1", "concurrency=2", "concurrency=4");
        assertThat(CELLS).extracting(CellResult::label).containsExactly(
                "phases.profiling.concurrency=1", "phases.profiling.concurrency=2", "phases.profiling.concurrency=4");
        assertThat(CELLS).extracting(c -> c.values().get("phases.profiling.concurrency")).containsExactly(1, 2, 4);
        for (CellResult c : CELLS) {
            assertThat(c.runDirs()).hasSize(1).allSatisfy(d -> assertThat(d).isDirectory()
                    .startsWith(artifacts.resolve("Grid").resolve("saturation").toAbsolutePath()));
            AIPerfAssertions.assertThat(c).hasNoFailedRuns().hasRuns(1);
            AIPerfAssertions.assertThat(c).metric("request_count").avg().isLessThanOrEqualTo(12).isGreaterThan(0);
            AIPerfAssertions.assertThat(c).metric("time_to_first_token").p99().isGreaterThan(0);
        }
        assertThat(results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath()))
                .hasSize(3).allSatisfy(p -> assertThat(p).isRegularFile().hasFileName("profile_export_aiperf.json"));
        Path sweep = artifacts.resolve("Grid").resolve("saturation").resolve("sweep_aggregate")
                .resolve(SweepAggregateWriter.JSON_FILE);
        assertThat(sweep).isRegularFile();
    }
}
