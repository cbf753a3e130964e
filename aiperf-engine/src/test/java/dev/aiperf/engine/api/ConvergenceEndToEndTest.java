package dev.aiperf.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.Convergence;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code multi_run.convergence} against the embedded mock server: a cell stops as soon as its criterion holds, and
 * runs every trial when it never does; the aggregate, the collated export and the console say which and why.
 */
class ConvergenceEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ProfileOptions.Builder small(Path dir) {
        return ProfileOptions.builder().requestCount("16").concurrency("4").isl("32").osl("8").randomSeed(3L)
                .harnessWarmupRequests(0).artifactDir(dir);
    }

    private static ProfileResult run(ProfileOptions options, List<String> messages) {
        return Benchmark.of(options).run(RunSettings.defaults().listener(new BenchmarkListener() {
            @Override
            public void message(String line) {
                messages.add(line);
            }
        }));
    }

    private static long runDirs(Path profileRuns) throws IOException {
        try (Stream<Path> s = Files.list(profileRuns)) {
            return s.filter(Files::isDirectory).count();
        }
    }

    @Test
    void aThresholdMetAtTheMinimumStopsThereAndSaysWhy() throws IOException {
        Path dir = tmp.resolve("early");
        List<String> messages = new ArrayList<>();
        // Synthetic prompts have exactly the requested input length, so its mean does not vary between trials
        // (CV 0): the criterion holds as soon as it is judged, whatever else the machine is doing.
        ProfileResult result = run(small(dir).numProfileRuns(8).convergenceMetric("input_sequence_length")
                .convergenceMode("cv").convergenceThreshold(0.05).convergenceMinRuns(3).build(), messages);

        assertThat(runDirs(dir.resolve("profile_runs"))).isEqualTo(3);
        CellResult cell = result.cells().get(0);
        assertThat(cell.runDirs()).hasSize(3);
        Convergence c = cell.aggregate().convergence();
        assertThat(c.reason()).isEqualTo("converged");
        assertThat(c.runsCompleted()).isEqualTo(3);
        assertThat(c.runsPlanned()).isEqualTo(8);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("converged after 3 of 8 trials (cv ")
                .endsWith(" < 0.0500 on input_sequence_length); the other 5 are not run"));

        JsonNode aggregate = JSON.readTree(dir.resolve("aggregate/profile_export_aiperf_aggregate.json").toFile());
        JsonNode block = aggregate.at("/metadata/convergence");
        assertThat(block.path("convergence_reason").asText()).isEqualTo("converged");
        assertThat(block.path("runs_completed").asInt()).isEqualTo(3);
        assertThat(block.path("num_runs").asInt()).isEqualTo(8);
        assertThat(block.path("mode").asText()).isEqualTo("cv");
        assertThat(aggregate.at("/metadata/num_profile_runs").asInt()).isEqualTo(3);
        JsonNode collated = JSON.readTree(dir.resolve("aggregate/profile_export_aiperf_collated.json").toFile());
        assertThat(collated.path("num_runs").asInt()).isEqualTo(3);
        assertThat(collated.at("/combined/request_latency/count").asInt()).isEqualTo(3 * 16);
    }

    @Test
    void aThresholdNeverMetRunsEveryTrial() throws IOException {
        Path dir = tmp.resolve("never");
        ProfileResult result = run(small(dir).numProfileRuns(3).convergenceMetric("request_throughput")
                .convergenceMode("cv").convergenceThreshold(1e-9).build(), new ArrayList<>());

        assertThat(runDirs(dir.resolve("profile_runs"))).isEqualTo(3);
        Convergence c = result.cells().get(0).aggregate().convergence();
        assertThat(c.reason()).isEqualTo("num_runs");
        assertThat(c.converged()).isFalse();
        assertThat(c.describe()).startsWith("ran all 3 trials, not converged (cv ");
    }

    @Test
    void aSweepMadeOfCommaListsConvergesCellByCell() throws IOException {
        Path dir = tmp.resolve("sweep");
        List<String> messages = new ArrayList<>();
        ProfileResult result = run(small(dir).concurrency("2,4").numProfileRuns(4)
                .convergenceMetric("input_sequence_length").convergenceMode("cv").convergenceThreshold(0.05).build(),
                messages);

        // Comma lists with convergence run in the independent order: each cell's trials under its own directory.
        assertThat(runDirs(dir.resolve("concurrency_2/profile_runs"))).isEqualTo(2);
        assertThat(runDirs(dir.resolve("concurrency_4/profile_runs"))).isEqualTo(2);
        assertThat(result.cells()).allSatisfy(c -> assertThat(c.aggregate().convergence().stoppedEarly()).isTrue());
        assertThat(messages).filteredOn(m -> m.contains("converged after 2 of 4 trials")).hasSize(2);
    }

    @Test
    void convergenceWithTheRepeatedOrderIsRejectedBeforeAnythingRuns() throws IOException {
        Path yaml = tmp.resolve("repeated.yaml");
        Files.writeString(yaml, """
                sweep: {type: grid, iteration_order: repeated, parameters: {concurrency: [1, 2]}}
                multi_run: {num_runs: 3, convergence: {metric: request_throughput}}
                """);
        assertThatThrownBy(() -> Benchmark.of(ProfileOptions.builder().config(yaml).build()))
                .hasMessageContaining("Use 'independent' instead");
    }

    @Test
    void aCriterionThatCouldNeverBeJudgedIsRejectedBeforeAnythingRuns() {
        ProfileOptions.Builder o = small(tmp.resolve("bad")).numProfileRuns(4);
        assertThatThrownBy(() -> Benchmark.of(o.convergenceMetric("request_thruput").build()))
                .hasMessageContaining("names an unknown metric 'request_thruput' (did you mean 'request_throughput'?)");
        assertThatThrownBy(() -> Benchmark.of(o.convergenceMetric("request_throughput").convergenceStat("p99").build()))
                .hasMessageContaining("request_throughput is one value per run, so it has no p99");
        assertThatThrownBy(() -> Benchmark.of(o.convergenceMetric("request_throughput").convergenceStat("avg")
                .convergenceMode("distribution").build()))
                .hasMessageContaining("the distribution criterion compares per-request values");
        assertThatThrownBy(() -> Benchmark.of(o.convergenceMetric("time_to_first_token").convergenceMode("cv")
                .build())).hasMessageContaining("measured only on streamed responses");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void yamlMagicListsTakeTheIndependentOrderToConverge() throws IOException {
        Path yaml = tmp.resolve("magic.yaml");
        Files.writeString(yaml, """
                benchmark: {phases: [{name: profiling, concurrency: [1, 2], requests: 8}]}
                multi_run: {num_runs: 3, convergence: {metric: request_throughput}}
                """);
        Benchmark benchmark = Benchmark.of(ProfileOptions.builder().config(yaml).build());
        assertThat(benchmark.describePlan(false)).contains("iteration order independent");
    }
}
