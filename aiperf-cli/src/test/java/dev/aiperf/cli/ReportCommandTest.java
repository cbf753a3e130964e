package dev.aiperf.cli;

import dev.aiperf.engine.stats.RunFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aiperf report DIR}: bad directories exit 1 with what to give instead, never a stack trace. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void aMissingDirectoryExitsOneAndSaysWhatToGive() {
        assertThat(run("report", tmp.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("aiperf report: no such directory: ")
                .contains("give the artifact directory of a profile run").doesNotContain("\tat ");
    }

    @Test
    void anEmptyDirectoryExitsOne() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("report", empty.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("holds no benchmark results").doesNotContain("\tat ");
        assertThat(empty.resolve("report.html")).doesNotExist();
    }

    @Test
    void noDirectoryAtAllIsAUsageError() {
        assertThat(run("report")).isEqualTo(1);
        assertThat(err.toString()).contains("Missing required parameter: 'DIR'");
    }

    @Test
    void aRunsDirectoryGetsItsReport() {
        Path dir = tmp.resolve("run");
        RunFixtures.writeRun(dir, "run_0001", 0, "", null, java.util.Map.of(),
                new RunFixtures.Numbers(10, 50, 100, 500), 1);

        assertThat(run("report", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + dir.resolve("report.html"));
        assertThat(dir.resolve("report.html")).isRegularFile();
    }
}
