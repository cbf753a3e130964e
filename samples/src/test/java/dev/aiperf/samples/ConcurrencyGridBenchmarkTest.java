package dev.aiperf.samples;

import dev.aiperf.engine.orchestrate.CellResult;
import dev.aiperf.engine.sla.SlaOp;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServer;
import dev.aiperf.junit.MultiRun;
import dev.aiperf.junit.Param;
import dev.aiperf.junit.Sla;
import dev.aiperf.junit.Sweep;

import static dev.aiperf.junit.AIPerfAssertions.assertThat;

/**
 * A concurrency grid with latency SLAs: three cells ({@code concurrency=1}, {@code =4}, {@code =16}), each run
 * twice so every number comes with a 95% confidence interval. Each cell is one test in the report.
 */
@MockServer(latency = MockServer.Latency.FAST)
class ConcurrencyGridBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", requestCount = 24)
    @Sweep(parameters = @Param(path = "concurrency", values = {"1", "4", "16"}))
    @MultiRun(runs = 2)
    @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 500)
    @Sla(metric = "request_latency", stat = "p50", op = SlaOp.LT, threshold = 2_000)
    void saturation(CellResult cell) {
        assertThat(cell).hasNoFailedRuns().hasRuns(2);
        assertThat(cell).metric("output_token_throughput").avg().isGreaterThan(0);
        // Even the upper end of the interval stays well inside the budget.
        assertThat(cell).metric("time_to_first_token").p99().ciHigh().isLessThan(1_000);
    }
}
