package com.acme.perf;

import org.junit.jupiter.api.Test;

/** A plain unit test: not tagged "benchmark", so aiperf:profile leaves it to Surefire. */
class ParserTest {

    @Test
    void notABenchmark() {
        throw new AssertionError("aiperf:profile must not run untagged tests");
    }
}
