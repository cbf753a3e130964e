package dev.aiperf.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.SearchOptions;
import dev.aiperf.engine.api.model.SweepSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths {@code aiperf plan} prints are the paths a run writes and the aggregation reads, for every layout:
 * no sweep, a sweep in each iteration order, and a search, each with one trial and with several. One layout type
 * ({@code plan.RunLayout}) decides them; this runs each case against the embedded mock server and compares the plan
 * with the directory tree left behind.
 */
class LayoutAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, {1} trial(s)")
    @CsvSource({"none, 1", "none, 2", "repeated, 1", "repeated, 2", "independent, 1", "independent, 2",
            "search, 1", "search, 2"})
    void planAndFilesAgree(String kind, int trials) throws IOException {
        Path base = tmp.resolve(kind + "-" + trials);
        ProfileOptions.Builder o = ProfileOptions.builder().requestCount("4").concurrency("2").isl("16").osl("4")
                .randomSeed(1L).harnessWarmupRequests(0).numProfileRuns(trials).artifactDir(base);
        Benchmark.Builder b = Benchmark.builder();
        if (kind.equals("search")) {
            o.search(SearchOptions.builder().searchSpace("concurrency:1,4:int").searchMaxIterations(2)
                    .searchInitialPoints(1).searchRandomSeed(1L).build());
        } else if (!kind.equals("none")) {
            b.sweep(new SweepSpec.Grid(Map.of("concurrency", List.of(1, 2)),
                    SweepSpec.Order.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), false, -1));
        }
        Benchmark benchmark = b.options(o.build()).build();
        Set<String> plannedRuns;
        Set<String> plannedCellAggregates;
        String plannedSweepAggregate;
        if (benchmark.isSearch()) {
            // A search is planned as it goes; its layout is fixed: search_iter_NNNN/profile_runs/run_NNNN.
            plannedRuns = new TreeSet<>();
            plannedCellAggregates = new TreeSet<>();
            for (int it = 0; it < 2; it++) {
                for (int t = 1; t <= trials; t++) {
                    plannedRuns.add("search_iter_%04d/profile_runs/run_%04d".formatted(it, t));
                }
                plannedCellAggregates.add("search_iter_%04d/aggregate".formatted(it));
            }
            plannedSweepAggregate = "sweep_aggregate";
        } else {
            JsonNode plan = JSON.readTree(benchmark.describePlan(true));
            plannedRuns = relative(base, stream(plan.get("runs")).map(r -> r.get("run_dir").asText()));
            plannedCellAggregates = relative(base, stream(plan.get("variations"))
                    .filter(v -> !v.get("aggregate_dir").isNull()).map(v -> v.get("aggregate_dir").asText()));
            plannedSweepAggregate = plan.get("sweep_aggregate_dir").isNull() ? null
                    : base.relativize(Path.of(plan.get("sweep_aggregate_dir").asText())).toString();
        }

        benchmark.run(RunSettings.defaults());

        assertThat(parentsOf(base, "run_status.json")).as("run directories").isEqualTo(plannedRuns);
        Set<String> cellAggregates = parentsOf(base, "profile_export_aiperf_aggregate.json");
        if (kind.equals("search") && trials == 1) {
            // One trial per iteration: nothing to aggregate per cell, as for a single run.
            assertThat(cellAggregates).isSubsetOf(plannedCellAggregates);
        } else {
            assertThat(cellAggregates).as("cell aggregates").isEqualTo(plannedCellAggregates);
        }
        assertThat(parentsOf(base, "profile_export_aiperf_sweep.json")).as("sweep aggregate")
                .isEqualTo(plannedSweepAggregate == null ? Set.of() : Set.of(plannedSweepAggregate));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static Set<String> relative(Path base, Stream<String> paths) {
        return paths.map(p -> base.relativize(Path.of(p)).toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The directories (relative to {@code base}, "" for base itself) that hold a file called {@code name}. */
    private static Set<String> parentsOf(Path base, String name) throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(p -> p.getFileName().toString().equals(name))
                    .map(p -> base.relativize(p.getParent()).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
