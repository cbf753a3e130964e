package dev.aiperf.samples;

import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.SearchRecipe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest concurrency whose request latency p99 stays under 500 ms, found by the max-concurrency-under-sla
 * recipe: concurrency doubles from 1 until a run breaks the SLA, then bisects to 5 % precision, every verdict
 * confirmed by a second trial. The method runs once, after the search, with its result; had no concurrency met
 * the SLA, the test would fail naming the SLA and the smallest concurrency that broke it.
 *
 * <p>Against a real server: {@code -Daiperf.url=http://host:8000 -Daiperf.model=<served model>} and a realistic
 * {@code concurrencyMax}. {@code search_history.json} is written under {@code target/aiperf/<class>/<method>/}.
 */
@MockServerSettings(latency = MockServerSettings.Latency.FAST)
class MaxConcurrencyUnderSlaBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-small.yaml", requestCount = 16, osl = 8)
    @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 500, concurrencyMax = 32)
    void maxConcurrency(SearchResult search) {
        SearchBoundary boundary = search.boundary().orElseThrow();
        System.out.printf("largest concurrency under the SLA: %.0f (smallest that broke it: %s), %d runs, %s%n",
                boundary.feasibleMax().value(),
                boundary.infeasibleMin() == null ? "none up to 32" : String.valueOf(boundary.infeasibleMin().value()),
                search.iterations().size(), search.convergenceReason());
        // The mock answers in milliseconds: a capacity regression would show as a boundary below 8.
        assertThat(boundary.feasibleMax().value()).isGreaterThanOrEqualTo(8);
        assertThat(search.bestConfiguration()).isPresent();
    }
}
