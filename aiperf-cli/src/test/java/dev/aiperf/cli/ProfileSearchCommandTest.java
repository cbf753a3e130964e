package dev.aiperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aiperf profile} with the --search-* shorthand runs an adaptive search against the embedded server. */
class ProfileSearchCommandTest {

    private static int profile(Path dir, ByteArrayOutputStream out, ByteArrayOutputStream err, String... extra) {
        ProfileFlags o = new ProfileFlags();
        String[] base = {"--streaming", "--request-count", "6", "--isl", "16", "--osl", "4",
                "--artifact-dir", dir.toString(), "--random-seed", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        new CommandLine(o).parseArgs(args);
        return ProfileCommand.run(o.toOptions(), null, java.util.List.of("aiperf", "profile"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shorthandSearchRunsPrintsEachIterationAndWritesTheHistory(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = profile(tmp, out, err, "--search-space", "concurrency:1,4:int", "--search-max-iterations", "3",
                "--search-initial-points", "2", "--search-random-seed", "4", "--ui", "none");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isEqualTo(ExitCodes.OK);
        assertThat(text).contains("search_iter_0000: concurrency=").contains("search stopped after 3 iteration(s):"
                + " max_iterations");
        JsonNode h = new ObjectMapper().readTree(tmp.resolve("search_history.json").toFile());
        assertThat(h.get("iterations")).hasSize(3);
        assertThat(h.get("convergence_reason").asText()).isEqualTo("max_iterations");
        assertThat(tmp.resolve("search_iter_0002/profile_runs/run_0001/profile_export_aiperf.json")).exists();
        assertThat(tmp.resolve("sweep_aggregate/profile_export_aiperf_sweep.json")).exists();
    }

    @Test
    void aSearchWhereNothingMeetsTheSlaExitsWithTheGateCode(@TempDir Path tmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = profile(tmp, out, err, "--search-space", "concurrency:1,4:int", "--search-max-iterations", "2",
                "--search-initial-points", "1", "--search-sla", "time_to_first_token:p95:lt:0.001", "--ui", "none");
        assertThat(code).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no configuration tried met the SLA filters");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("; infeasible (time_to_first_token p95");
    }

    @Test
    void aRecipeWithExplicitSearchFlagsIsBadInput(@TempDir Path tmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = profile(tmp, out, err, "--search-recipe", "max-throughput-ttft-sla", "--ttft-sla-ms", "100",
                "--search-metric", "request_latency");
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("defines its own search");
    }

    @Test
    void planDescribesTheSearchInsteadOfExpandingIt(@TempDir Path tmp) {
        ProfileFlags o = new ProfileFlags();
        new CommandLine(o).parseArgs("--search-recipe", "max-concurrency-under-sla", "--e2e-sla-ms", "2000",
                "--artifact-dir", tmp.toString());
        String text = dev.aiperf.engine.api.Benchmark.of(o.toOptions()).describePlan(false);
        assertThat(text).startsWith("adaptive_search (recipe max-concurrency-under-sla): planner monotonic_sla")
                .contains("search phases.profiling.concurrency in [1.0, 1000.0] int log-uniform")
                .contains("sla filter request_latency:p99:lt:2000")
                // the monotonic style's budget: the worst-case trials for 5% on [1, 1000]
                .contains("at most 30 iteration(s) x 1 trial(s) = 30 runs");
    }
}
