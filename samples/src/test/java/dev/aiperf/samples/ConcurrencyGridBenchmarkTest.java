package dev.aiperf.samples;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.junit.AIPerfExtension;
import dev.aiperf.junit.BenchmarkResults;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.MultiRun;
import dev.aiperf.junit.Param;
import dev.aiperf.junit.Sla;
import dev.aiperf.junit.Sweep;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.aiperf.junit.AIPerfAssertions.assertThat;

/**
 * A concurrency grid with latency SLAs: three cells ({@code concurrency=1}, {@code =4}, {@code =16}), each run
 * twice (after a short warmup) so every number comes with a 95% confidence interval. Each cell is one test in the
 * report; the {@code @AfterAll} method compares cells.
 */
@MockServerSettings(latency = MockServerSettings.Latency.FAST)
@ExtendWith(AIPerfExtension.class) // only needed for the BenchmarkResults parameter of @AfterAll
class ConcurrencyGridBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", requestCount = 24, warmupRequestCount = 8)
    @Sweep(parameters = @Param(path = "concurrency", values = {"1", "4", "16"}))
    @MultiRun(runs = 2)
    @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 500)
    @Sla(metric = "request_latency", stat = "p50", op = SlaOp.LT, threshold = 2_000)
    void saturation(CellResult cell) {
        assertThat(cell).hasNoFailedRuns().hasRuns(2);
        assertThat(cell).metric("output_token_throughput").avg().isGreaterThan(0);
        // With two trials the interval is very wide (t = 12.7 at one degree of freedom), so judge the mean here and
        // leave interval bounds to cells with more runs.
        assertThat(cell).metric("time_to_first_token").p50().isLessThan(2_000);
    }

    /** Across cells: a batching server serves more tokens per second to 16 concurrent streams than to one. */
    @AfterAll
    static void throughputGrowsWithConcurrency(BenchmarkResults results) {
        List<CellResult> cells = results.get("saturation").cells();
        double one = cells.get(0).metric("output_token_throughput", "avg").orElseThrow().mean();
        double sixteen = cells.get(2).metric("output_token_throughput", "avg").orElseThrow().mean();
        System.out.printf("output token throughput: concurrency=1 %.0f, concurrency=16 %.0f tokens/s%n", one, sixteen);
        Assertions.assertThat(sixteen).as("tokens/s at concurrency 16 vs 1").isGreaterThan(one);
    }
}
