package dev.aiperf.cli;

import dev.aiperf.engine.compare.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void regressionExitsWithTwoAndWritesBothReports() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133);

        int code = run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("cand").toString(), "--output", tmp.resolve("out").toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("## AIPerf compare: **REGRESSION**");
        assertThat(err.toString()).contains("1 regression(s)")
                .contains("concurrency=10 request_latency_p99: 100.00 ms -> 130.33 ms (+30.3%");
        assertThat(tmp.resolve("out/compare_summary.md")).exists();
        assertThat(tmp.resolve("out/TEST-aiperf-compare.xml")).exists();
    }

    @Test
    void toleranceFlagAndAlphaCanAcceptTheChange() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 108, 110, 106);

        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("cand").toString())).isEqualTo(2);
        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("cand").toString(), "--tolerance", "request_latency_p99=10", "--alpha", "0.01"))
                .isEqualTo(0);
        assertThat(tmp.resolve("cand/compare_summary.md")).exists();
    }

    @Test
    void trialsLeftOutAreCountedAndListed() {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(10, 50.0, 100, 102, 98, 400)
                .status(10, 3, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(10, 50.0, 130, 128, 133);

        int code = run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("cand").toString(), "--output", tmp.resolve("out").toString());

        assertThat(code).as("the cancelled 400 ms trial would have hidden the regression").isEqualTo(2);
        assertThat(out.toString().lines())
                .contains("Left out: 1 baseline trial (cancelled), 0 candidate trials  ",
                        "left out: baseline concurrency=10 trial_0004: cancelled (cancelled by the user)");
        assertThat(out.toString()).contains("| 100.00 ± 2.00 (n=3) | 130.33 ± 2.52 (n=3) |");
    }

    @Test
    void cellWithoutASuccessfulTrialIsBadInputNamingWhy() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102);
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(10, 50.0, 100, 102)
                .status(10, 0, "failed", "All 200 requests failed: connection_error x200")
                .status(10, 1, "cancelled", "cancelled by the user");

        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("cand").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("aiperf compare: candidate: every trial of cell concurrency=10 was left"
                        + " out (trial_0001: failed (All 200 requests failed: connection_error x200); trial_0002:"
                        + " cancelled (cancelled by the user))")
                .doesNotContain("Exception");
        assertThat(tmp.resolve("cand/compare_summary.md")).doesNotExist();
    }

    @Test
    void badInputExitsWithOneAndAMessage() throws Exception {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100);

        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("missing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("aiperf compare: candidate: directory").contains("does not exist")
                .doesNotContain("Exception");

        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("base").toString(), "--tolerance", "latency")).isEqualTo(1);
        assertThat(err.toString()).contains("tolerance 'latency' must be written METRIC=VALUE");

        assertThat(run("compare", "--baseline", tmp.resolve("base").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Missing required option: '--candidate=DIR'");

        Files.writeString(tmp.resolve("base/profile_export_aiperf.json"), "{not json");
        assertThat(run("compare", "--baseline", tmp.resolve("base").toString(), "--candidate",
                tmp.resolve("base").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not valid JSON");
    }
}
