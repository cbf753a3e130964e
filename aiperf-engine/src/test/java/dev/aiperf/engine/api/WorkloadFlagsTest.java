package dev.aiperf.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.CellInfo;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.sweep.DottedPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real-traffic flags (dataset files, conversations, user-centric timing, fixed schedules, cancellation), each from
 * the command line to the options to the resolved config, and the seed's multi-turn zip example.
 */
class WorkloadFlagsTest {
    private static final String[] BASE = {"--model", "X", "--url", "http://localhost:8000"};

    @TempDir
    Path dir;

    private static ProfileOptions parse(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(BASE));
        all.addAll(Arrays.asList(args));
        return TestFlags.options(all.toArray(String[]::new));
    }

    private static AIPerfConfig profile(String... args) {
        return TestFlags.resolve(parse(args), Map.of());
    }

    private static PhaseConfig profiling(String... args) {
        List<PhaseConfig> phases = profile(args).benchmark().phases();
        return phases.get(phases.size() - 1);
    }

    private Path trace() throws IOException {
        Path f = dir.resolve("trace.jsonl");
        Files.writeString(f, """
                {"timestamp": 0, "input_length": 100, "output_length": 20, "hash_ids": [1]}
                {"timestamp": 250, "input_length": 600, "output_length": 20, "hash_ids": [1, 2]}
                """);
        return f;
    }

    @Test
    void seedMultiTurnZipExampleBindsToThreeCells() {
        ProfileOptions o = parse("--streaming", "--sweep-type", "zip", "--num-conversations", "10,50,200",
                "--conversation-turn-mean", "1,3,8", "--concurrency", "4,16,64");
        Benchmark b = Benchmark.of(o); // binds every cell, so a cell the binder refused would fail here
        assertThat(b.cells()).extracting(CellInfo::displayName).hasSize(3);
        AIPerfConfig c = TestFlags.resolve(o, Map.of());
        assertThat(c.sweepTree().path("type").asText()).isEqualTo("zip");
        List<BenchmarkConfig> cells = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode tree = c.benchmarkTree().deepCopy();
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it =
                 c.sweepTree().path("parameters").fields(); it.hasNext(); ) {
                var p = it.next();
                DottedPath.set(tree, c.variables().deepCopy(), p.getKey(), p.getValue().get(i));
            }
            cells.add(BenchmarkBinder.bind(tree, SourceLines.NONE, "benchmark"));
        }
        assertThat(cells).extracting(cell -> cell.dataset().turns()).containsExactly(new Distribution.Fixed(1),
                new Distribution.Fixed(3), new Distribution.Fixed(8));
        assertThat(cells).extracting(cell -> cell.phases().get(0).sessions()).containsExactly(10, 50, 200);
        assertThat(cells).extracting(cell -> cell.phases().get(0).concurrency()).containsExactly(4, 16, 64);
        assertThat(cells).extracting(cell -> cell.phases().get(0).requests()).containsOnlyNulls();
    }

    @Test
    void userCentricRateMakesAUserCentricPhase() {
        PhaseConfig p = profiling("--user-centric-rate", "10", "--num-users", "4");
        assertThat(p.type()).isEqualTo(PhaseType.USER_CENTRIC);
        assertThat(p.rate()).isEqualTo(10.0);
        assertThat(p.users()).isEqualTo(4);
        assertThatThrownBy(() -> profile("--user-centric-rate", "10")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--user-centric-rate").hasMessageContaining("add --num-users N");
        assertThatThrownBy(() -> profile("--user-centric-rate", "10", "--num-users", "2", "--request-rate", "3"))
                .hasMessageContaining("cannot be combined with --request-rate");
    }

    @Test
    void conversationShapeFlagsSetTurnsAndTurnDelay() {
        DatasetConfig d = profile("--conversation-turn-mean", "3", "--conversation-turn-stddev", "1",
                "--conversation-turn-delay-mean", "500", "--conversation-turn-delay-stddev", "50").benchmark()
                .dataset();
        assertThat(d.turns()).isEqualTo(new Distribution.Normal(3, 1));
        assertThat(d.turnDelay()).isEqualTo(new Distribution.Normal(500, 50));
        assertThat(profile("--conversation-turn-stddev", "2").benchmark().dataset().turns())
                .as("AIPerf's default mean is one turn").isEqualTo(new Distribution.Normal(1, 2));
        assertThat(profile("--conversation-turn-delay-stddev", "20").benchmark().dataset().turnDelay())
                .isEqualTo(new Distribution.Normal(0, 20));
        assertThatThrownBy(() -> profile("--conversation-turn-delay-mean", "-1"))
                .hasMessageContaining("--conversation-turn-delay-mean").hasMessageContaining(">= 0");
    }

    @Test
    void anInputFileReplaysATimestampedTraceOnItsSchedule() throws IOException {
        Path trace = trace();
        AIPerfConfig c = profile("--input-file", trace.toString());
        assertThat(c.benchmark().dataset().type()).isEqualTo(DatasetType.MOONCAKE_TRACE);
        assertThat(c.benchmark().dataset().path()).isEqualTo(trace.toAbsolutePath());
        assertThat(c.benchmark().phases().get(0).type()).isEqualTo(PhaseType.FIXED_SCHEDULE);
        assertThat(profiling("--input-file", trace.toString(), "--concurrency", "8").type())
                .as("a load flag keeps its timing mode").isEqualTo(PhaseType.CONCURRENCY);
        assertThat(profiling("--input-file", trace.toString(), "--request-rate", "5").type())
                .isEqualTo(PhaseType.POISSON);
        assertThat(profiling("--input-file", trace.toString(), "--no-fixed-schedule").type())
                .isEqualTo(PhaseType.CONCURRENCY);
        List<PhaseConfig> warm = profile("--input-file", trace.toString(), "--warmup-request-count", "2")
                .benchmark().phases();
        assertThat(warm).extracting(PhaseConfig::type).containsExactly(PhaseType.CONCURRENCY,
                PhaseType.FIXED_SCHEDULE);
    }

    @Test
    void customDatasetTypeNamesTheFormat() throws IOException {
        Path f = dir.resolve("pool.jsonl");
        Files.writeString(f, "{\"text\": \"hello\"}\n");
        assertThat(profile("--input-file", f.toString()).benchmark().dataset().type())
                .isEqualTo(DatasetType.SINGLE_TURN);
        assertThat(profile("--input-file", f.toString(), "--custom-dataset-type", "random_pool").benchmark()
                .dataset().type()).isEqualTo(DatasetType.RANDOM_POOL);
        assertThatThrownBy(() -> profile("--input-file", f.toString(), "--custom-dataset-type", "singleturn"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("datasets[0].type")
                .hasMessageContaining("did you mean 'single_turn'?");
        assertThatThrownBy(() -> profile("--custom-dataset-type", "single_turn"))
                .hasMessageContaining("set path: FILE (--input-file FILE)");
        assertThatThrownBy(() -> profile("--input-file", dir.resolve("missing.jsonl").toString()))
                .hasMessageContaining("datasets[0].path").hasMessageContaining("missing.jsonl does not exist");
    }

    @Test
    void fixedScheduleFlags() throws IOException {
        String trace = trace().toString();
        PhaseConfig p = profiling("--input-file", trace, "--fixed-schedule", "--fixed-schedule-start-offset", "100",
                "--fixed-schedule-end-offset", "900", "--fixed-schedule-speedup", "2");
        assertThat(p.type()).isEqualTo(PhaseType.FIXED_SCHEDULE);
        assertThat(p.schedule()).isEqualTo(new PhaseConfig.FixedSchedule(false, 100.0, 900.0, 2.0));
        assertThat(profiling("--input-file", trace, "--no-fixed-schedule-auto-offset").schedule())
                .isEqualTo(new PhaseConfig.FixedSchedule(false, null, null, 1.0));
        assertThatThrownBy(() -> profile("--input-file", trace, "--fixed-schedule", "--request-rate", "5"))
                .hasMessageContaining("--fixed-schedule").hasMessageContaining("cannot be combined with --request-rate");
        assertThatThrownBy(() -> profile("--input-file", trace, "--fixed-schedule-speedup", "0"))
                .hasMessageContaining("--fixed-schedule-speedup").hasMessageContaining("must be a number > 0");
        assertThatThrownBy(() -> profile("--input-file", trace, "--fixed-schedule-start-offset", "-5"))
                .hasMessageContaining("--fixed-schedule-start-offset").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> profile("--fixed-schedule"))
                .hasMessageContaining("set dataset.path (--input-file)");
        assertThatThrownBy(() -> profile("--input-file", trace, "--concurrency", "2",
                "--fixed-schedule-speedup", "3"))
                .hasMessageContaining("speedup only applies to fixed-schedule phases (this one is concurrency)");
    }

    @Test
    void requestCancellationFlags() {
        assertThat(profiling("--request-cancellation-rate", "10", "--request-cancellation-delay", "0.5")
                .cancellation()).isEqualTo(new PhaseConfig.Cancellation(10, 0.5));
        assertThat(profiling("--request-cancellation-rate", "5").cancellation())
                .isEqualTo(new PhaseConfig.Cancellation(5, 0));
        assertThatThrownBy(() -> profile("--request-cancellation-delay", "1"))
                .hasMessageContaining("--request-cancellation-delay")
                .hasMessageContaining("add --request-cancellation-rate P");
        assertThatThrownBy(() -> profile("--request-cancellation-rate", "101"))
                .hasMessageContaining("--request-cancellation-rate").hasMessageContaining("0-100");
    }

    @Test
    void datasetPathsInAConfigAreRelativeToItAndSweepable(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("a.jsonl"), "{\"text\": \"a\"}\n");
        Files.writeString(elsewhere.resolve("b.jsonl"), "{\"text\": \"b\"}\n");
        Path yaml = elsewhere.resolve("bench.yaml");
        Files.writeString(yaml, """
                benchmark:
                  dataset: {type: single_turn, path: a.jsonl}
                  phases: [{concurrency: 2, requests: 4}]
                sweep:
                  type: grid
                  parameters: {datasets.main.path: [a.jsonl, b.jsonl]}
                """);
        ProfileOptions o = ProfileOptions.builder().config(yaml).build();
        AIPerfConfig c = TestFlags.resolve(o, Map.of());
        assertThat(c.benchmark().dataset().path()).isEqualTo(elsewhere.resolve("a.jsonl").toAbsolutePath());
        Benchmark b = Benchmark.of(o);
        assertThat(b.cells()).hasSize(2);
        assertThat(b.cells().get(1).values().values().iterator().next().toString()).endsWith("b.jsonl");
        // A relative --input-file stays relative to the working directory, not to the config's.
        assertThatThrownBy(() -> Benchmark.of(o.toBuilder().inputFile(Path.of("b.jsonl")).build()))
                .hasMessageContaining(Path.of("b.jsonl").toAbsolutePath() + " does not exist");
    }
}
