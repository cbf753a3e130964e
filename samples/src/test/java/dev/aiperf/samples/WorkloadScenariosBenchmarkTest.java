package dev.aiperf.samples;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.Scenario;
import dev.aiperf.junit.Sla;
import dev.aiperf.junit.Sweep;

import static dev.aiperf.junit.AIPerfAssertions.assertThat;

/**
 * Named workload profiles: each scenario deep-merges its settings onto the base config and is one test named
 * after it ({@code chatbot}, {@code summarization}, {@code long_answers}).
 */
@MockServerSettings(latency = MockServerSettings.Latency.FAST)
class WorkloadScenariosBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", requestCount = 16)
    @Sweep(type = Sweep.Type.SCENARIOS, scenarios = {
            @Scenario(name = "chatbot", set = {"isl=64", "osl=16", "concurrency=8"}),
            @Scenario(name = "summarization", set = {"isl=1024", "osl=32", "concurrency=4"}),
            @Scenario(name = "long_answers", set = {"isl=64", "osl=128", "concurrency=2"})})
    @Sla(metric = "request_count", op = SlaOp.GE, threshold = 16)
    @Sla(metric = "time_to_first_token", stat = "p95", op = SlaOp.LT, threshold = 500)
    void workloads(CellResult cell) {
        assertThat(cell).hasNoFailedRuns();
        assertThat(cell).metric("request_throughput").avg().isGreaterThan(1);
    }
}
