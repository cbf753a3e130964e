package dev.aiperf.samples;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.Param;
import dev.aiperf.junit.Sla;
import dev.aiperf.junit.Sweep;

import static dev.aiperf.junit.AIPerfAssertions.assertThat;

/**
 * Paired input/output lengths: a zip sweep takes the i-th value of every parameter together, so this is three
 * cells ({@code isl=64, osl=16}, {@code isl=256, osl=32}, {@code isl=1024, osl=64}), not nine.
 */
@MockServerSettings(latency = MockServerSettings.Latency.FAST)
class IslOslZipBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", concurrency = 4, requestCount = 16)
    @Sweep(type = Sweep.Type.ZIP, parameters = {
            @Param(path = "isl", values = {"64", "256", "1024"}),
            @Param(path = "osl", values = {"16", "32", "64"})})
    @Sla(metric = "inter_token_latency", stat = "avg", op = SlaOp.LT, threshold = 50)
    void pairedLengths(CellResult cell) {
        assertThat(cell).hasNoFailedRuns();
        int isl = ((Number) cell.values().get("datasets.main.prompts.isl")).intValue();
        // The synthetic prompts hit the requested input length within a tenth.
        assertThat(cell).metric("input_sequence_length").avg().isBetween(isl * 0.9, isl * 1.1);
    }
}
