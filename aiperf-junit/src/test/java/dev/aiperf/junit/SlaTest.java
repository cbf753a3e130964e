package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaTest {

    static final List<CellResult> CELLS = new CopyOnWriteArrayList<>();

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Gates {
        /** Every request completes, so the count gate holds; the TTFT gate (1 microsecond) cannot. */
        @BenchmarkTest(requestCount = 10, concurrency = 2, isl = 32, osl = 8, streaming = true, seed = 3)
        @Sweep(parameters = @Param(path = "osl", values = {"4", "8"}))
        @MultiRun(runs = 2, confidenceLevel = 0.9)
        @Sla(metric = "request_count", op = SlaOp.GE, threshold = 10)
        @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 0.001)
        void gated(CellResult cell) {
            CELLS.add(cell);
        }

        @BenchmarkTest(requestCount = 10, concurrency = 2, isl = 32, osl = 8, streaming = true, seed = 3)
        @Sla(metric = "request_count", op = SlaOp.GE, threshold = 10)
        @Sla(metric = "request_latency", stat = "p50", op = SlaOp.LT, threshold = 60_000)
        void met(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void aBreachFailsItsCellNamingMetricStatThresholdValueAndInterval() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Gates.class, artifacts);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(Kit.names(results.testEvents())).containsExactlyInAnyOrder("osl=4", "osl=8", "benchmark");
        List<String> failures = Kit.failures(results.testEvents());
        assertThat(failures).hasSize(2).allSatisfy(m -> assertThat(m)
                .startsWith("AssertionFailedError: SLA breached: cell osl=")
                .containsPattern("time_to_first_token p99 < 0\\.001 breached: measured \\d+\\.\\d\\d ms"
                        + " \\(90% CI -?\\d+\\.\\d\\d\\.\\.\\d+\\.\\d\\d, 2 runs\\)")
                .doesNotContain("request_count"));

        CellResult gated = CELLS.stream().filter(c -> !c.label().isEmpty()).findFirst().orElseThrow();
        assertThat(gated.runDirs()).hasSize(2);
        assertThat(gated.exportFile()).isRegularFile().hasFileName("profile_export_aiperf_aggregate.json");
        assertThat(gated.sla()).hasSize(2);
        assertThat(gated.sla().get(0).passed()).isTrue();
        assertThat(gated.sla().get(1).passed()).isFalse();
        CellResult met = CELLS.stream().filter(c -> c.label().isEmpty()).findFirst().orElseThrow();
        assertThat(met.slaPassed()).isTrue();
    }

    @Test
    void assertionsJudgeTheMeanAndPrintTheInterval() {
        CELLS.clear();
        Kit.run(Gates.class, artifacts);
        CellResult cell = CELLS.stream().filter(c -> !c.label().isEmpty()).findFirst().orElseThrow();
        double ttft = cell.metric("time_to_first_token", "p99").orElseThrow().mean();

        AIPerfAssertions.assertThat(cell).hasNoFailedRuns().hasRuns(2)
                .metric("time_to_first_token").p99().isGreaterThan(0).isLessThan(ttft + 1);
        AIPerfAssertions.assertThat(cell).metric("time_to_first_token").p99().ciHigh().isGreaterThanOrEqualTo(ttft);
        AIPerfAssertions.assertThat(cell).metric("time_to_first_token").p99().ciLow().isLessThanOrEqualTo(ttft);

        assertThatThrownBy(() -> AIPerfAssertions.assertThat(cell).metric("time_to_first_token").p99()
                .isLessThan(0.001))
                .hasMessageMatching("(?s)Expecting cell '" + cell.label().replace(".", "\\.")
                        + "': time_to_first_token p99 to be less than 0\\.001, but it was \\d+\\.\\d\\d ms"
                        + " \\(90% CI .*, 2 runs\\)");
        assertThatThrownBy(() -> AIPerfAssertions.assertThat(cell).metric("time_to_first_token").p99().ciHigh()
                .isLessThan(0.001))
                .hasMessageContaining("time_to_first_token p99 upper CI bound");
        assertThatThrownBy(() -> AIPerfAssertions.assertThat(cell).metric("time_to_frist_token").p99())
                .hasMessageContaining("has no time_to_frist_token p99; measured: [")
                .hasMessageContaining("time_to_first_token_p99");
        assertThatThrownBy(() -> AIPerfAssertions.assertThat(cell).meetsSla())
                .hasMessageContaining("time_to_first_token p99 < 0.001 breached");
    }
}
