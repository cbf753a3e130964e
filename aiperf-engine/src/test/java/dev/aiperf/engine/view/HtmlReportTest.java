package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of a real sweep against the embedded mock server (two cells, two trials each): written at the end of
 * the run, self-contained, and every number it carries is the artifacts' own.
 */
class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path dir;
    static String console;

    @BeforeAll
    static void runASweep() {
        dir = tmp.resolve("sweep");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Benchmark.of(ProfileOptions.builder().streaming(true).concurrency("1,4").numProfileRuns(2)
                .requestCount("16").isl("32").osl("8").randomSeed(7L).harnessWarmupRequests(0).artifactDir(dir)
                .build()).run(RunSettings.defaults().console(new PrintStream(out, true, StandardCharsets.UTF_8)));
        console = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRunWritesItsReportAndSaysWhere() {
        Path report = dir.resolve(HtmlReport.FILE_NAME);
        assertThat(report).isRegularFile();
        assertThat(console).contains("report: " + report);
    }

    @Test
    void theReportIsOneOfflineFileWithinItsLimit() throws IOException {
        Path report = AIPerf.report(dir);
        String html = Files.readString(report);

        assertThat(Files.size(report)).isLessThan(HtmlReport.SIZE_LIMIT_BYTES);
        assertThat(html).contains("ECharts 5.3.1").contains("echarts.init");
        assertThat(html).doesNotContain("<script src").doesNotContain("<link ");
    }

    @Test
    void cellsCarryTheSweepAggregatesMeansAndIntervals() throws IOException {
        JsonNode data = ReportPage.data(AIPerf.report(dir));
        JsonNode sweep = JSON.readTree(dir.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json")
                .toFile());

        JsonNode cells = data.path("cells");
        assertThat(cells).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode expected = sweep.path("per_combination_metrics").path(i).path("metrics");
            for (String key : new String[]{"request_throughput_avg", "time_to_first_token_p99",
                    "inter_token_latency_p50", "request_latency_p99"}) {
                JsonNode got = cells.path(i).path("metrics").path(key);
                assertThat(got.path("mean").asDouble()).as(key).isEqualTo(expected.path(key).path("mean").asDouble());
                assertThat(got.path("ci_low").asDouble()).isEqualTo(expected.path(key).path("ci_low").asDouble());
                assertThat(got.path("ci_high").asDouble()).isEqualTo(expected.path(key).path("ci_high").asDouble());
            }
        }
        assertThat(cells.path(0).path("label").asText()).isEqualTo("concurrency=1");
        assertThat(cells.path(1).path("label").asText()).isEqualTo("concurrency=4");
    }

    @Test
    void distributionsAndTimelinesAreEachCellsFirstTrialExactly() throws IOException {
        JsonNode data = ReportPage.data(AIPerf.report(dir));

        JsonNode curves = data.path("distributions").path("time_to_first_token");
        assertThat(curves).hasSize(2);
        for (JsonNode curve : curves) {
            assertThat(curve.path("run").asText()).startsWith("profile_runs/trial_0001/concurrency_");
            JsonNode export = JSON.readTree(dir.resolve(curve.path("run").asText())
                    .resolve("profile_export_aiperf.json").toFile()).path("time_to_first_token");
            JsonNode q = curve.path("percentiles");
            assertThat(q).hasSize(101);
            assertThat(q.path(0).asDouble()).isCloseTo(export.path("min").asDouble(), within(1e-6));
            assertThat(q.path(50).asDouble()).isCloseTo(export.path("p50").asDouble(), within(1e-6));
            assertThat(q.path(99).asDouble()).isCloseTo(export.path("p99").asDouble(), within(1e-6));
            assertThat(q.path(100).asDouble()).isCloseTo(export.path("max").asDouble(), within(1e-6));
        }
        JsonNode timelines = data.path("timelines");
        assertThat(timelines).hasSize(2);
        assertThat(timelines.path(0).path("requests").asInt()).isEqualTo(16);
        assertThat(timelines.path(0).path("points")).hasSize(16);
        assertThat(timelines.path(0).path("failed").asInt()).isZero();
    }

    @Test
    void configurationAndEnvironmentComeFromTheRuns() throws IOException {
        JsonNode data = ReportPage.data(AIPerf.report(dir));

        assertThat(data.path("environment").path("runs").asInt()).isEqualTo(4);
        assertThat(data.path("environment").path("runs_ok").asInt()).isEqualTo(4);
        assertThat(data.path("config").path("sweep").path("type").asText()).isEqualTo("grid");
        assertThat(data.path("environment").path("aiperf_version").asText()).startsWith("aiperf-java");
    }

    @Test
    void aCopiedDirectoryGivesTheSameReport() throws IOException {
        Path copy = tmp.resolve("copy");
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        JsonNode original = ReportPage.data(AIPerf.report(dir));
        JsonNode copied = ReportPage.data(AIPerf.report(copy));

        assertThat(copied.path("cells")).isEqualTo(original.path("cells"));
        assertThat(copied.path("distributions")).isEqualTo(original.path("distributions"));
        assertThat(copied.path("directory").asText()).endsWith("copy");
    }

    @Test
    void aMissingOrEmptyDirectoryIsBadInputThatSaysWhatToGive() throws IOException {
        assertThatThrownBy(() -> AIPerf.report(tmp.resolve("nowhere"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such directory").hasMessageContaining("give the artifact directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> AIPerf.report(empty)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no benchmark results");
        Path file = Files.writeString(tmp.resolve("a-file.txt"), "x");
        assertThatThrownBy(() -> AIPerf.report(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a file, not a directory");
    }
}
