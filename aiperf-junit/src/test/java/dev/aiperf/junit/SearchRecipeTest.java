package dev.aiperf.junit;

import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @SearchRecipe} runs one adaptive search per method against the class's mock server. */
class SearchRecipeTest {

    /** Filled by the fixture's method body, so the test can check what was injected. */
    static final AtomicReference<SearchResult> INJECTED = new AtomicReference<>();

    /**
     * A p99 budget of two seconds that every concurrency up to 16 meets by two orders of magnitude (the mock answers
     * 4 tokens in milliseconds), so the monotonic search doubles to the top of the range and stops there: the
     * boundary is the range's upper bound, whatever the machine's timing noise.
     */
    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class MaxConcurrency {
        @BenchmarkTest(requestCount = 12, isl = 16, osl = 4, seed = 7)
        @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 2000, concurrencyMax = 16)
        void search(SearchResult search) {
            INJECTED.set(search);
        }
    }

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Unreachable {
        @BenchmarkTest(requestCount = 10, isl = 16, osl = 8, seed = 7)
        @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 0.001, concurrencyMax = 8, maxIterations = 4)
        void search(SearchResult search) {
            INJECTED.set(search);
        }
    }

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class YamlSearch {
        @BenchmarkTest(config = "bench/adaptive-search.yaml")
        void search(SearchResult search) {
            INJECTED.set(search);
        }
    }

    static class MissingSla {
        @BenchmarkTest(requestCount = 10)
        @SearchRecipe(name = "max-concurrency-under-sla", concurrencyMax = 8)
        void search(SearchResult search) {
        }
    }

    static class WithSweep {
        @BenchmarkTest(requestCount = 10)
        @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 100)
        @Sweep(parameters = @Param(path = "concurrency", values = {"1", "2"}))
        void search(SearchResult search) {
        }
    }

    static class CellOfASearch {
        @BenchmarkTest(requestCount = 10)
        @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 100)
        void search(dev.aiperf.engine.api.model.CellResult cell) {
        }
    }

    static class SearchOfACell {
        @BenchmarkTest(requestCount = 10)
        void cell(SearchResult search) {
        }
    }

    static class GridStyle {
        @BenchmarkTest(requestCount = 10)
        @SearchRecipe(name = "max-concurrency-under-sla", e2eSlaMs = 100, style = "grid")
        void search(SearchResult search) {
        }
    }

    @Test
    void maxConcurrencyUnderSlaInjectsTheBoundary(@TempDir Path tmp) {
        INJECTED.set(null);
        EngineExecutionResults results = Kit.run(MaxConcurrency.class, tmp);
        assertThat(Kit.failures(results.allEvents())).isEmpty();
        assertThat(Kit.names(results.testEvents())).containsExactly("max-concurrency-under-sla");
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        SearchResult search = INJECTED.get();
        assertThat(search).isNotNull();
        assertThat(search.feasibleFound()).isTrue();
        SearchBoundary boundary = search.boundary().orElseThrow();
        assertThat(boundary.sweptDimPath()).isEqualTo("phases.profiling.concurrency");
        assertThat(boundary.feasibleMax().value()).isEqualTo(16.0);
        assertThat(boundary.infeasibleMin()).isNull();
        assertThat(search.convergenceReason()).isEqualTo("monotonic_no_failure_in_range");
        // Doubling 1, 2, 4, 8, 16, each verdict confirmed by a second trial.
        assertThat(search.iterations()).hasSize(10)
                .allMatch(SearchIteration::feasible);
        assertThat(search.bestConfiguration().orElseThrow()).containsOnlyKeys("phases.profiling.concurrency");
        assertThat(search.frontier()).as("one objective has no frontier").isEmpty();
        assertThat(search.historyPath()).isRegularFile()
                .startsWith(tmp.resolve("MaxConcurrency").resolve("search"));
    }

    @Test
    void aConfigWhoseSweepIsAnAdaptiveSearchRunsItToo(@TempDir Path tmp) {
        INJECTED.set(null);
        EngineExecutionResults results = Kit.run(YamlSearch.class, tmp);
        assertThat(Kit.failures(results.allEvents())).isEmpty();
        assertThat(Kit.names(results.testEvents())).containsExactly("adaptive_search");
        SearchResult search = INJECTED.get();
        assertThat(search.boundary().orElseThrow().feasibleMax().value()).isEqualTo(4.0);
        assertThat(search.iterations()).extracting(i -> i.variationValues().get("phases.profiling.concurrency"))
                .containsExactly(1.0, 1.0, 2.0, 2.0, 4.0, 4.0);
    }

    @Test
    void noFeasibleConfigurationFailsNamingTheSlaAndTheBoundary(@TempDir Path tmp) {
        INJECTED.set(null);
        EngineExecutionResults results = Kit.run(Unreachable.class, tmp);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(Kit.failures(results.testEvents())).singleElement().asString()
                .startsWith("AssertionFailedError: search max-concurrency-under-sla: no configuration met the SLA"
                        + " (request_latency p99 lt 0.001000)")
                .contains("boundary: even phases.profiling.concurrency=1 was infeasible (request_latency p99 was")
                .contains("search_history.json");
        assertThat(INJECTED.get()).as("the method body does not run").isNull();
    }

    @Test
    void aRecipeWithoutItsSlaIsAConfigurationError(@TempDir Path tmp) {
        assertThat(misuse(MissingSla.class, tmp)).singleElement().asString()
                .startsWith("ExtensionConfigurationException: MissingSla.search: @SearchRecipe(name ="
                        + " \"max-concurrency-under-sla\") is invalid:")
                .contains("needs at least one SLA");
    }

    @Test
    void aRecipeWithASweepOrAGridStyleIsAConfigurationError(@TempDir Path tmp) {
        assertThat(misuse(WithSweep.class, tmp)).singleElement().asString()
                .isEqualTo("ExtensionConfigurationException: WithSweep.search: @SearchRecipe and @Sweep cannot be"
                        + " combined; the recipe plans its own search, so remove one of them");
        assertThat(misuse(GridStyle.class, tmp)).singleElement().asString()
                .contains("plans a fixed sweep of 8 cells, not an adaptive search; describe those cells with @Sweep");
    }

    @Test
    void theResultParameterMustMatchTheKindOfMethod(@TempDir Path tmp) {
        assertThat(misuse(CellOfASearch.class, tmp)).singleElement().asString()
                .contains("of type CellResult is never injected here; an adaptive search runs as one invocation"
                        + " that receives a SearchResult");
        assertThat(misuse(SearchOfACell.class, tmp)).singleElement().asString()
                .contains("of type SearchResult is never injected here; SearchResult is injected only with"
                        + " @SearchRecipe");
    }

    private static List<String> misuse(Class<?> fixture, Path tmp) {
        EngineExecutionResults results = Kit.run(fixture, tmp);
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(Files.exists(tmp.resolve(fixture.getSimpleName()))).as("nothing ran").isFalse();
        return Kit.failures(results.containerEvents());
    }
}
