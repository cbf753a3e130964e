package com.acme.perf;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Benchmark tests as the goal sees them: JUnit tests tagged "benchmark" (which @BenchmarkTest carries). */
@Tag("benchmark")
class LatencyBenchmarkTest {

    @Test
    void throughputWithinBudget(TestInfo info) {
        assertTrue(info.getTags().contains("benchmark"));
    }

    @Test
    void latencyOverBudget() {
        throw new AssertionError("cell concurrency=4: time_to_first_token p99 < 200 breached: measured 231.40 ms (1 run)");
    }
}
