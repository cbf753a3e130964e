package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @MultiRun(convergenceMetric = ...)}: each cell stops its trials once its results converge. */
class ConvergenceTest {

    static final List<CellResult> CELLS = new CopyOnWriteArrayList<>();

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Converging {
        @BenchmarkTest(requestCount = 12, isl = 32, osl = 8, seed = 7)
        @Sweep(parameters = @Param(path = "concurrency", values = {"2", "4"}))
        // Exact synthetic input lengths: a mean that does not vary converges as soon as it is judged.
        @MultiRun(runs = 6, convergenceMetric = "input_sequence_length", convergenceMode = MultiRun.Convergence.CV,
                convergenceThreshold = 0.05)
        void cells(CellResult cell) {
            CELLS.add(cell);
            AIPerfAssertions.assertThat(cell).hasConverged().hasRuns(2).hasNoFailedRuns();
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void cellsStopTheirTrialsOnceTheyConverge() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Converging.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(CELLS).allSatisfy(c -> {
            assertThat(c.aggregate().convergence().runsPlanned()).isEqualTo(6);
            assertThat(c.aggregate().convergence().describe()).startsWith("converged after 2 of 6 trials (cv ");
            assertThat(c.aggregateDir().resolve("profile_export_aiperf_collated.json")).isRegularFile();
        });
    }
}
