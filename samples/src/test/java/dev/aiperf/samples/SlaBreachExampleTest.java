package dev.aiperf.samples;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.MultiRun;
import dev.aiperf.junit.Param;
import dev.aiperf.junit.Sla;
import dev.aiperf.junit.Sweep;
import org.junit.jupiter.api.Tag;

/**
 * Deliberately failing: a time-to-first-token budget the large-batch cell cannot meet, to show what a breach
 * looks like. Kept out of the default build by the {@code failing-example} tag; run it with
 * {@code mvn -pl samples test -Dgroups=failing-example -DexcludedGroups=none}.
 */
@Tag("failing-example")
@MockServerSettings(latency = MockServerSettings.Latency.BATCHING, maxBatch = 4)
class SlaBreachExampleTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", requestCount = 24)
    @Sweep(parameters = @Param(path = "concurrency", values = {"1", "16"}))
    @MultiRun(runs = 2)
    @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 60)
    void ttftBudget(CellResult cell) {
    }
}
