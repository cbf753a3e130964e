package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkResultsTest {

    static final AtomicReference<BenchmarkResults> SEEN = new AtomicReference<>();

    @ExtendWith(AIPerfExtension.class)
    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class AcrossCells {
        @BenchmarkTest(requestCount = 10, isl = 16, osl = 4)
        @Sweep(parameters = @Param(path = "concurrency", values = {"1", "4"}))
        void grid(CellResult cell) {
        }

        @AfterAll
        static void summary(BenchmarkResults results) {
            SEEN.set(results);
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void afterAllReceivesEveryCellAndTheSweepAggregateOfEachMethod() {
        EngineExecutionResults results = Kit.run(AcrossCells.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        ProfileResult grid = SEEN.get().get("grid");
        assertThat(grid.cells()).extracting(CellResult::label)
                .containsExactly("phases.profiling.concurrency=1", "phases.profiling.concurrency=4");
        assertThat(grid.sweep()).isNotNull();
        assertThat(grid.failedRuns()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SEEN.get().get("gird"))
                .hasMessage("no benchmark method 'gird' finished in this class; finished: [grid]");
    }
}
