package dev.aiperf.cli;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code aiperf profile} against the embedded mock server, and the exit codes the command derives from its result. */
class ProfileCommandTest {

    @TempDir
    Path tmp;

    private ProfileOptions options(String... extra) {
        ProfileFlags o = new ProfileFlags();
        String[] base = {"--request-count", "10", "--isl", "32", "--osl", "16", "--ui", "none", "--random-seed", "3",
                "--artifact-dir", tmp.resolve("out").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        new CommandLine(o).parseArgs(args);
        return o.toOptions();
    }

    private static ProfileResult run(ProfileOptions o) {
        return Benchmark.of(o).run(RunSettings.defaults().console(new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void theResultNamesEachBreachedCellWithItsMeasuredValueAndTheCommandExitsWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProfileOptions o = options("--concurrency", "1,2", "--sla", "request_throughput:avg:gt:1000000");

        ProfileResult result = run(o);

        assertThat(result.cells()).hasSize(2);
        assertThat(result.slaBreaches()).extracting(v -> v.describe(result.confidenceLevel()))
                .allMatch(s -> s.matches("cell phases\\.profiling\\.concurrency=[12]: request_throughput avg > 1000000"
                        + " breached: measured [0-9.]+ requests/sec \\(1 run\\)"));
        assertThat(ProfileCommand.exitCode(result, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 SLA breach(es)");
        assertThat(tmp.resolve("out/concurrency_2/profile_export_aiperf.json")).exists();
    }

    @Test
    void metRulesExitWith0() {
        ProfileOptions o = options("--sla", "request_latency:avg:lt:60000");

        ProfileResult result = run(o);

        assertThat(result.slaPassed()).isTrue();
        assertThat(ProfileCommand.exitCode(result, System.err)).isZero();
    }

    @Test
    void badInputIsAConfigExceptionForTheJobAndExit1ForTheCommand() {
        ProfileOptions o = options("--concurrency", "2,2");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThatThrownBy(() -> Benchmark.of(o)).isInstanceOf(ConfigException.class);
        int code = ProfileCommand.run(o, null, null, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("aiperf profile: ");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
