package dev.aiperf.maven;

import dev.aiperf.cli.ProfileOptions;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profile goal: its parameters mirror the CLI flags, and real runs against the embedded mock server. */
class ProfileMojoTest {

    @TempDir
    Path tmp;

    private ProfileMojo mojo() {
        ProfileMojo mojo = new ProfileMojo();
        mojo.artifactDir = tmp.resolve("aiperf").toFile();
        mojo.configDirectory = tmp.resolve("no-configs").toFile();
        mojo.summaryFile = tmp.resolve("reports/summary.json").toFile();
        mojo.requestCount = "10";
        mojo.ui = "none";
        // Short prompts and answers keep each request to a few tens of milliseconds on the embedded server.
        mojo.isl = "32";
        mojo.osl = "16";
        return mojo;
    }

    private Path yaml(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyFlagOfAiperfProfileIsAParameterWithItsCamelCaseProperty() throws Exception {
        String descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin descriptor generated before the tests").isNotNull();
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Field> options = FlagArguments.optionFields();
        assertThat(options).hasSizeGreaterThan(30);
        for (Field option : options) {
            String name = FlagArguments.parameterName(FlagArguments.flag(option));
            assertThat(ProfileMojo.class.getDeclaredField(name)).as(name).isNotNull();
            assertThat(descriptor).as("property of " + name)
                    .containsPattern("<" + name + " implementation=\"[^\"]+\"( default-value=\"[^\"]*\")?>\\$\\{aiperf\\."
                            + name + "}</" + name + ">");
        }
        assertThat(FlagArguments.parameterName("--request-count")).isEqualTo("requestCount");
        assertThat(FlagArguments.parameterName("--isl")).isEqualTo("isl");
    }

    @Test
    void parametersBecomeTheSameFlagsTheCommandLineTakes() {
        ProfileMojo mojo = mojo();
        mojo.concurrency = "1,2,4";
        mojo.streaming = true;
        mojo.parameterSweepSameSeed = false;
        mojo.sla = "time_to_first_token:p99:lt:200, request_latency:avg:lt:900";
        mojo.url = "http://127.0.0.1:1,http://127.0.0.1:2";
        mojo.model = "m";
        Rule rule = new Rule();
        rule.setMetric("request_throughput");
        rule.setStat("avg");
        rule.setOp("gt");
        rule.setThreshold(5.0);
        mojo.rules = List.of(rule);

        List<String> args = mojo.arguments(null, tmp.resolve("out"));

        assertThat(args).containsSubsequence("--url", "http://127.0.0.1:1", "--url", "http://127.0.0.1:2")
                .containsSubsequence("--streaming", "--concurrency", "1,2,4", "--request-count", "10")
                .contains("--no-parameter-sweep-same-seed")
                .containsSubsequence("--sla", "time_to_first_token:p99:lt:200", "--sla", "request_latency:avg:lt:900",
                        "--sla", "request_throughput:avg:gt:5.0")
                .endsWith("--artifact-dir", tmp.resolve("out").toString());
        ProfileOptions options = ProfileMojo.parse(args);
        assertThat(options.slaRules()).hasSize(3);
        AIPerfConfig config = ConfigLoader.resolve(options, Map.of());
        assertThat(config.sweepTree().toString()).contains("phases.profiling.concurrency").contains("[1,2,4]");
    }

    @Test
    void aValueTheCommandLineWouldRejectIsBadInput() {
        ProfileMojo mojo = mojo();
        mojo.numProfileRuns = "three";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("--num-profile-runs").hasMessageContaining("three")
                .hasMessageContaining("aiperf.* parameter");
    }

    @Test
    void aMalformedRuleIsBadInputBeforeAnyRequest() {
        ProfileMojo mojo = mojo();
        mojo.sla = "time_to_first_token:p99:below:200";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("operator 'below' is not one of lt, le, gt, ge");
        assertThat(tmp.resolve("aiperf")).doesNotExist();
    }

    @Test
    void aPassingYamlSweepWritesItsArtifacts() throws Exception {
        ProfileMojo mojo = mojo();
        mojo.config = yaml("smoke.yaml", """
                benchmark:
                  phases: [{concurrency: 2, requests: 10}]
                sweep: {type: grid, parameters: {phases.profiling.concurrency: [1, 2]}}
                random_seed: 7
                """).toString();
        mojo.sla = "request_latency:avg:lt:60000";

        mojo.execute();

        assertThat(tmp.resolve("aiperf/concurrency_1/profile_export_aiperf.json")).exists();
        assertThat(tmp.resolve("aiperf/concurrency_2/profile_export_aiperf.json")).exists();
    }

    @Test
    void aBreachFailsTheBuildNamingCellRuleAndMeasuredValue() throws Exception {
        ProfileMojo mojo = mojo();
        mojo.concurrency = "1,2";
        mojo.sla = "request_throughput:avg:gt:1000000";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("AIPerf profile: 2 SLA breach(es):")
                .hasMessageContaining("cell phases.profiling.concurrency=1: request_throughput avg > 1000000 breached: measured ")
                .hasMessageContaining("cell phases.profiling.concurrency=2: request_throughput avg > 1000000 breached: measured ");
    }

    @Test
    void failOnViolationFalseOnlyWarnsAndVerifyFailsLater() throws Exception {
        ProfileMojo mojo = mojo();
        mojo.sla = "request_throughput:avg:gt:1000000";
        mojo.failOnViolation = false;

        mojo.execute();

        assertThat(tmp.resolve("aiperf")).isDirectory();
        assertThat(Files.readString(tmp.resolve("reports/summary.json"))).contains("\"result\" : \"breached\"");
        VerifyMojo verify = new VerifyMojo();
        verify.summaryFile = mojo.summaryFile;
        assertThatThrownBy(verify::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("AIPerf profile: 1 SLA breach(es):\n  - request_throughput avg > 1000000"
                        + " breached: measured ");
    }

    @Test
    void verifyPassesAPassingProfileAndNeedsItsSummary() throws Exception {
        VerifyMojo verify = new VerifyMojo();
        verify.summaryFile = tmp.resolve("reports/summary.json").toFile();
        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("no aiperf:profile summary at").hasMessageContaining("run aiperf:profile first");

        ProfileMojo mojo = mojo();
        mojo.sla = "request_latency:avg:lt:60000";
        mojo.execute();

        verify.execute();
    }

    @Test
    void aServerThatIsDownIsAnInfrastructureFailureNotABreach() throws Exception {
        ProfileMojo mojo = mojo();
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            mojo.url = "http://127.0.0.1:" + s.getLocalPort();
        } // closed: nothing listens there any more
        mojo.model = "m";
        mojo.requestCount = "2";
        mojo.sla = "request_latency:avg:lt:60000";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("every run failed").hasMessageContaining("run_status.json");
        assertThat(tmp.resolve("reports/summary.json")).doesNotExist();
    }

    @Test
    void severalConfigsWriteOneDirectoryEachAndNameTheirBreaches() throws Exception {
        ProfileMojo mojo = mojo();
        Path dir = tmp.resolve("configs");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.yaml"), "benchmark: {phases: [{requests: 5}]}\n");
        Files.writeString(dir.resolve("b.yml"), "benchmark: {phases: [{requests: 5}]}\n"
                + "sweep: {type: grid, parameters: {phases.profiling.concurrency: [1, 2]},"
                + " sla_filters: [{metric_tag: request_throughput, stat: avg, op: gt, threshold: 1000000}]}\n");
        mojo.configDirectory = dir.toFile();

        assertThat(mojo.configs()).extracting(p -> p.getFileName().toString()).containsExactly("a.yaml", "b.yml");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("b: cell phases.profiling.concurrency=1: request_throughput avg > 1000000 breached")
                .hasMessageNotContaining("a: ");
        assertThat(tmp.resolve("aiperf/a")).isDirectory();
        assertThat(tmp.resolve("aiperf/b/concurrency_2")).isDirectory();
    }

    @Test
    void aMissingConfigFileIsNamed() {
        ProfileMojo mojo = mojo();
        mojo.config = tmp.resolve("nope.yaml").toString();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void aBadYamlNamesTheFileAndTheKey() throws Exception {
        ProfileMojo mojo = mojo();
        mojo.config = yaml("bad.yaml", "benchmark:\n  phases: [{concurency: 2}]\n").toString();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("bad.yaml: ").hasMessageContaining("concurency")
                .hasMessageContaining("did you mean 'concurrency'");
    }

    @Test
    void skipRunsNothing() throws Exception {
        ProfileMojo mojo = mojo();
        mojo.skip = true;
        mojo.numProfileRuns = "not even parsed";

        mojo.execute();

        assertThat(tmp.resolve("aiperf")).doesNotExist();
    }

    @Test
    void theFlagsPassedToTestsAreNamedAsTheProperties() {
        ProfileMojo mojo = mojo();
        mojo.url = "http://a";
        assertThat(FlagArguments.of(mojo, Set.of("config", "artifactDir")))
                .containsExactly("--url", "http://a", "--request-count", "10", "--isl", "32", "--osl", "16", "--ui", "none");
        mojo.streaming = true;
        assertThat(FlagArguments.properties(mojo, Set.of("config", "artifactDir"))).containsExactly(
                Map.entry("aiperf.url", "http://a"), Map.entry("aiperf.streaming", "true"),
                Map.entry("aiperf.requestCount", "10"), Map.entry("aiperf.isl", "32"), Map.entry("aiperf.osl", "16"),
                Map.entry("aiperf.ui", "none"));
    }
}
