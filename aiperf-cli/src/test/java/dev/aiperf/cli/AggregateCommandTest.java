package dev.aiperf.cli;

import dev.aiperf.engine.stats.RunFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private void writeSweep() {
        for (int trial = 1; trial <= 2; trial++) {
            for (int c : new int[] {1, 2}) {
                Path dir = tmp.resolve("profile_runs/trial_%04d/concurrency_%d".formatted(trial, c));
                RunFixtures.writeRun(dir, "trial_%04d".formatted(trial), trial - 1, "concurrency=" + c, c - 1,
                        RunFixtures.values("phases.profiling.concurrency", c),
                        new RunFixtures.Numbers(10 * c + trial, 50 * c + trial, 100 * c, 500 * c), trial);
            }
        }
    }

    @Test
    void recomputesAndPrintsTheReport() {
        writeSweep();
        int code = run("aggregate", tmp.toString(), "--sla", "time_to_first_token:p99:lt:80");
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.exists(tmp.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json"))).isTrue();
        assertThat(Files.exists(tmp.resolve("aggregate/concurrency_1/profile_export_aiperf_aggregate.csv"))).isTrue();
        assertThat(out.toString())
                .contains("concurrency=1 (2/2 runs, meets SLA)")
                .contains("concurrency=2 (2/2 runs, breaks SLA)")
                .contains("best_throughput: concurrency=1")
                .contains("Pareto-optimal")
                .contains("wrote ");
    }

    @Test
    void badConfidenceLevelExitsOneWithTheReason() {
        writeSweep();
        assertThat(run("aggregate", tmp.toString(), "--confidence-level", "1.5")).isEqualTo(1);
        assertThat(err.toString()).contains("Invalid confidence level: 1.5").doesNotContain("at dev.aiperf");
    }

    @Test
    void directoryWithoutRunsExitsOne() {
        assertThat(run("aggregate", tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no run directories");
    }
}
