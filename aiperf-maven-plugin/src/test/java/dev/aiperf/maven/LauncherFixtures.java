package dev.aiperf.maven;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test classes that {@link BenchmarkTestLauncherTest} runs through the launcher (nested, so Surefire leaves them
 * alone).
 */
final class LauncherFixtures {

    private LauncherFixtures() {
    }

    @Tag("benchmark")
    static class FastEnough {
        @Test
        void latencyWithinBudget() {
            assertEquals(2, 1 + 1);
        }
    }

    @Tag("benchmark")
    static class TooSlow {
        @Test
        void latencyOverBudget() {
            throw new AssertionError("time_to_first_token p99 < 200 breached: measured 231.40 ms (1 run)");
        }
    }

    /** Not a benchmark: the tag filter leaves it out. */
    static class PlainUnitTest {
        @Test
        void alwaysFails() {
            throw new AssertionError("must not run");
        }
    }
}
