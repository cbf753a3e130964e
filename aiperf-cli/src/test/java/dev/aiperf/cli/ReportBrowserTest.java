package dev.aiperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Opens the {@code report.html} of real runs (a sweep, and a search recipe, against the embedded mock server, through
 * the same code as {@code bin/aiperf profile}) in a real headless Chromium and checks that it rendered: no script
 * error in the console, every chart's canvas present and drawn on, and the numbers the charts plot equal to the
 * artifact files. The browser is Debian's {@code chromium} with its {@code chromium-driver}, which {@code .ci/run}
 * installs; without them the test is skipped and says so on stderr and in the skip reason.
 */
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static WebDriver browser;
    static Path sweep;
    static Path search;

    @BeforeAll
    static void runAndOpenABrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String why = "SKIPPED: no Chromium/chromedriver at /usr/bin (apt-get install -y chromium chromium-driver;"
                    + " .ci/run does it); the report was not checked in a browser";
            System.err.println("ReportBrowserTest " + why);
            Assumptions.abort(why);
        }
        sweep = tmp.resolve("sweep");
        assertThat(profile("--streaming", "--concurrency", "1,4,8", "--num-profile-runs", "2", "--request-count", "16",
                "--artifact-dir", sweep.toString())).isZero();
        search = tmp.resolve("search");
        // A TTFT bound the mock server breaks from a few concurrent requests on, so the search has both verdicts.
        assertThat(profile("--streaming", "--search-recipe", "max-concurrency-under-sla", "--ttft-sla-ms", "20",
                "--concurrency-max", "16", "--request-count", "16", "--artifact-dir", search.toString()))
                .isIn(0, 2);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1300,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** {@code aiperf profile} as the command line runs it, with small inputs; returns the exit code. */
    private static int profile(String... flags) {
        List<String> args = new ArrayList<>(List.of("--isl", "32", "--osl", "8", "--random-seed", "5",
                "--harness-warmup-requests", "0", "--ui", "none"));
        args.addAll(List.of(flags));
        ProfileFlags parsed = new ProfileFlags();
        new CommandLine(parsed).parseArgs(args.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ProfileCommand.run(parsed.toOptions(), null, List.of("aiperf", "profile"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("report: ");
        return code;
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void open(Path dir) {
        browser.get(dir.resolve("report.html").toUri().toString());
    }

    private static List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage());
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> pageErrors = (List<Object>) js("return window.aiperfReport.errors;");
        pageErrors.forEach(e -> out.add("page: " + e));
        return out;
    }

    /** Pixels of the chart's canvas that are not fully transparent: zero for a chart that drew nothing. */
    private static long drawnPixels(String chart) {
        Object n = js("var c = document.querySelector('#' + arguments[0] + '-chart canvas');"
                + "if (!c || c.width === 0 || c.height === 0) { return 0; }"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
                + "for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } } return n;", chart);
        return ((Number) n).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> seriesData(String chart, int series) {
        return (List<List<Object>>) js("return window.aiperfReport.charts[arguments[0]].getOption().series[arguments[1]]"
                + ".data;", chart, series);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    void theSweepsReportRendersEveryChartWithTheArtifactsNumbers() throws IOException {
        open(sweep);

        assertThat(consoleErrors()).isEmpty();
        for (String chart : List.of("throughput-latency", "pareto", "distributions", "timeline")) {
            assertThat(browser.findElements(By.cssSelector("#" + chart + "-chart canvas"))).as(chart).isNotEmpty();
            assertThat(drawnPixels(chart)).as(chart + " drew nothing").isGreaterThan(2_000);
        }
        JsonNode aggregate = JSON.readTree(sweep.resolve("aggregate/sweep_aggregate/profile_export_aiperf_sweep.json")
                .toFile()).path("per_combination_metrics");
        List<List<Object>> points = seriesData("throughput-latency", 0);
        assertThat(points).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode m = aggregate.path(i).path("metrics");
            List<Object> p = points.get(i);
            assertThat(num(p.get(0))).isEqualTo(m.at("/request_throughput_avg/mean").asDouble());
            assertThat(num(p.get(1))).isEqualTo(m.at("/time_to_first_token_p99/mean").asDouble());
            assertThat(num(p.get(2))).isEqualTo(m.at("/request_throughput_avg/ci_low").asDouble());
            assertThat(num(p.get(3))).isEqualTo(m.at("/request_throughput_avg/ci_high").asDouble());
            assertThat(num(p.get(4))).isEqualTo(m.at("/time_to_first_token_p99/ci_low").asDouble());
            assertThat(num(p.get(5))).isEqualTo(m.at("/time_to_first_token_p99/ci_high").asDouble());
        }

        // Choosing another statistic redraws from the same cells.
        new Select(browser.findElement(By.cssSelector("#throughput-latency select:nth-of-type(1)")))
                .selectByValue("request_latency");
        new Select(browser.findElements(By.cssSelector("#throughput-latency select")).get(1)).selectByValue("p50");
        points = seriesData("throughput-latency", 0);
        for (int i = 0; i < 3; i++) {
            assertThat(num(points.get(i).get(1)))
                    .isEqualTo(aggregate.path(i).path("metrics").at("/request_latency_p50/mean").asDouble());
        }

        // The tooltip names the cell and its numbers.
        js("window.aiperfReport.charts['throughput-latency'].dispatchAction({type: 'showTip', seriesIndex: 0,"
                + " dataIndex: 1});");
        assertThat(browser.findElement(By.id("throughput-latency-chart")).getText()).contains("concurrency=4")
                .contains(String.format("%.2f", aggregate.path(1).path("metrics").at("/request_throughput_avg/mean")
                        .asDouble()));

        // Each distribution curve's 50th and 99th percentile are its trial's exported p50 and p99.
        for (int c = 0; c < 3; c++) {
            JsonNode export = JSON.readTree(sweep.resolve("profile_runs/trial_0001/concurrency_" + new int[]{1, 4, 8}[c]
                    + "/profile_export_aiperf.json").toFile()).path("time_to_first_token");
            List<List<Object>> curve = seriesData("distributions", c);
            assertThat(curve).hasSize(101);
            assertThat(num(curve.get(50).get(0))).isCloseTo(export.path("p50").asDouble(), within(1e-6));
            assertThat(num(curve.get(99).get(0))).isCloseTo(export.path("p99").asDouble(), within(1e-6));
        }
        // The timeline of the selected (last) cell plots every one of its 16 requests.
        assertThat(seriesData("timeline", 0)).hasSize(16);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aSearchsReportDrawsItsTrajectoryAndBracket() throws IOException {
        open(search);

        assertThat(consoleErrors()).isEmpty();
        for (String chart : List.of("throughput-latency", "search", "bracket", "distributions", "timeline")) {
            assertThat(drawnPixels(chart)).as(chart + " drew nothing").isGreaterThan(2_000);
        }
        JsonNode iterations = JSON.readTree(search.resolve("search_history.json").toFile()).path("iterations");
        List<List<Object>> feasible = seriesData("search", 0);
        List<List<Object>> infeasible = seriesData("search", 1);
        assertThat(feasible.size() + infeasible.size()).isEqualTo(iterations.size());
        List<List<Object>> all = new ArrayList<>(feasible);
        all.addAll(infeasible);
        for (JsonNode it : iterations) {
            assertThat(all).anySatisfy(p -> {
                assertThat(num(p.get(0))).isEqualTo(it.path("iteration_idx").asDouble());
                assertThat(num(p.get(1))).isEqualTo(it.path("objective_values").path(0).asDouble());
            });
        }
        assertThat(infeasible).isNotEmpty();
        assertThat(browser.findElement(By.id("sla")).getText()).contains("breaks");
    }
}
