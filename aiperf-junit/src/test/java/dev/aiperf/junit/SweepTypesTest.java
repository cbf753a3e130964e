package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTypesTest {

    static final List<CellResult> CELLS = new CopyOnWriteArrayList<>();

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Zip {
        @BenchmarkTest(config = "bench/base.yaml")
        @Sweep(type = Sweep.Type.ZIP, parameters = {
                @Param(path = "isl", values = {"16", "48"}),
                @Param(path = "osl", values = {"4", "12"})})
        void pairs(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Scenarios {
        @BenchmarkTest(config = "bench/base.yaml", requestCount = 8)
        @Sweep(type = Sweep.Type.SCENARIOS, scenarios = {
                @Scenario(name = "chatbot", set = {"isl=16", "osl=4"}),
                @Scenario(name = "summarize", set = {"isl=96", "osl=8", "concurrency=3"})})
        void workloads(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Single {
        @BenchmarkTest(config = "bench/base.yaml", concurrency = 1, warmupRequestCount = 2)
        void single(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @MockServerSettings(latency = MockServerSettings.Latency.FAST)
    static class Sobol {
        @BenchmarkTest(config = "bench/sobol.yaml")
        void design(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void aYamlSobolSweepRunsOneInvocationPerPointAndWritesTheDesign() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Sobol.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(CELLS).allSatisfy(c -> assertThat(((Number) c.values().get("phases.profiling.concurrency"))
                .doubleValue()).isBetween(1.0, 4.0));
        assertThat(artifacts.resolve("Sobol").resolve("design").resolve("sweep_aggregate")
                .resolve("sampling_design.json")).isRegularFile();
    }

    @Test
    void zipPairsTheIthValuesAndNamesCellsByTheirLeaves() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Zip.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        assertThat(Kit.names(results.testEvents())).containsExactly("isl=16, osl=4", "isl=48, osl=12");
        assertThat(CELLS).extracting(CellResult::values).containsExactly(
                Map.of("datasets.main.prompts.isl", 16, "datasets.main.prompts.osl", 4),
                Map.of("datasets.main.prompts.isl", 48, "datasets.main.prompts.osl", 12));
        // The ISL the synthetic prompts were built for shows in the measured input lengths.
        assertThat(CELLS.get(0).metric("input_sequence_length", "avg").orElseThrow().mean())
                .isLessThan(CELLS.get(1).metric("input_sequence_length", "avg").orElseThrow().mean());
    }

    @Test
    void scenariosAreNamedCellsWithTheirOverridesMerged() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Scenarios.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        assertThat(Kit.names(results.testEvents())).containsExactly("chatbot", "summarize");
        assertThat(CELLS).extracting(CellResult::label).containsExactly("chatbot", "summarize");
        assertThat(CELLS.get(1).values()).containsKeys("datasets", "phases");
        assertThat(CELLS.get(1).metric("input_sequence_length", "avg").orElseThrow().mean())
                .isGreaterThan(CELLS.get(0).metric("input_sequence_length", "avg").orElseThrow().mean());
        assertThat(CELLS).allSatisfy(c -> assertThat(c.metric("request_count", "avg").orElseThrow().mean())
                .isEqualTo(8.0));
        assertThat(CELLS.get(0).runDirs().get(0)).hasFileName("chatbot");
        assertThat(CELLS.get(1).runDirs().get(0)).hasFileName("summarize");
    }

    @Test
    void withoutASweepTheMethodIsOneCellNamedBenchmark() {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Single.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        assertThat(Kit.names(results.testEvents())).containsExactly("benchmark");
        CellResult cell = CELLS.get(0);
        assertThat(cell.label()).isEmpty();
        // The warmup phase's two requests are excluded from the results.
        assertThat(cell.metric("request_count", "avg").orElseThrow().mean()).isEqualTo(10.0);
        assertThat(cell.runDirs().get(0)).isEqualTo(artifacts.resolve("Single").resolve("single").toAbsolutePath());
    }
}
