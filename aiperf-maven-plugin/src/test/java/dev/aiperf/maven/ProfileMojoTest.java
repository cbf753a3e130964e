package dev.aiperf.maven;

import dev.aiperf.cli.ProfileFlags;
import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.model.CellInfo;
import dev.aiperf.engine.api.model.ProfileOptions;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** The {@code @Option} fields of the command line's {@code aiperf profile} flags (not the search mixin's). */
    private static List<Field> flagFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : ProfileFlags.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Option.class)) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** {@code --request-count} → {@code requestCount}: the parameter (and property) of a flag. */
    private static String parameterName(Field flagField) {
        String[] words = flagField.getAnnotation(CommandLine.Option.class).names()[0].replaceFirst("^-+", "")
                .split("-");
        StringBuilder sb = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return sb.toString();
    }

    @Test
    void everyFlagOfAiperfProfileIsAParameterWithItsCamelCaseProperty() throws Exception {
        String descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin descriptor generated before the tests").isNotNull();
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Field> flags = flagFields();
        assertThat(flags).hasSizeGreaterThan(40);
        for (Field flag : flags) {
            String name = parameterName(flag);
            assertThat(ProfileMojo.class.getDeclaredField(name)).as(name).isNotNull();
            assertThat(descriptor).as("property of " + name)
                    .containsPattern("<" + name + " implementation=\"[^\"]+\"( default-value=\"[^\"]*\")?>\\$\\{aiperf\\."
                            + name + "}</" + name + ">");
        }
    }

    /**
     * The parity the plugin promises: for every flag, setting the parameter of the same name gives the engine exactly
     * the options that typing the flag gives it. {@code config} and {@code artifactDir} are the goal's own (a list of
     * YAML files, the base directory) and are checked by the runs below.
     */
    @Test
    void everyParameterFillsTheSameOptionAsItsFlag() throws Exception {
        int compared = 0;
        for (Field flag : flagFields()) {
            String name = parameterName(flag);
            if (name.equals("config") || name.equals("artifactDir")) {
                continue;
            }
            String[] sample = sample(flag);
            ProfileMojo mojo = new ProfileMojo();
            Field parameter = ProfileMojo.class.getDeclaredField(name);
            parameter.setAccessible(true);
            parameter.set(mojo, parameter.getType() == Boolean.class ? Boolean.TRUE : String.join(",", sample));

            ProfileFlags cli = new ProfileFlags();
            List<String> args = new ArrayList<>();
            String option = flag.getAnnotation(CommandLine.Option.class).names()[0];
            if (flag.getType() == Boolean.class) {
                args.add(option);
            } else {
                for (String s : flag.getType() == List.class
                        && flag.getAnnotation(CommandLine.Option.class).split().isEmpty() ? sample
                        : new String[] {String.join(",", sample)}) {
                    args.add(option);
                    args.add(s);
                }
            }
            new CommandLine(cli).parseArgs(args.toArray(String[]::new));

            ProfileOptions fromFlag = cli.toOptions().toBuilder().search(null).build();
            assertThat(mojo.options(null, null)).as(name + " vs " + args).isEqualTo(fromFlag)
                    .isNotEqualTo(ProfileOptions.none());
            compared++;
        }
        assertThat(compared).isEqualTo(flagFields().size() - 2);
    }

    /** A value of the flag's type that the engine would accept. */
    private static String[] sample(Field flag) {
        Class<?> type = flag.getType();
        if (type == Integer.class || type == Long.class) {
            return new String[] {"3"};
        }
        if (type == Double.class) {
            return new String[] {"0.5"};
        }
        if (type == List.class) {
            return new String[] {"a:1", "b:2"};
        }
        return new String[] {"1,2"};
    }

    @Test
    void parametersAndRulesMakeOneBenchmark() {
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

        ProfileOptions options = mojo.options(null, tmp.resolve("out"));
        assertThat(options.urls()).containsExactly("http://127.0.0.1:1", "http://127.0.0.1:2");
        assertThat(options.parameterSweepSameSeed()).isFalse();
        assertThat(options.sla()).containsExactly("time_to_first_token:p99:lt:200", "request_latency:avg:lt:900");
        Benchmark benchmark = Benchmark.builder().options(options).sla(mojo.rules()).build();
        assertThat(benchmark.gates()).hasSize(3);
        assertThat(benchmark.cells()).extracting(CellInfo::displayName)
                .containsExactly("concurrency=1", "concurrency=2", "concurrency=4");
        assertThat(benchmark.artifactDir()).isEqualTo(tmp.resolve("out"));
    }

    @Test
    void aValueTheCommandLineWouldRejectIsBadInput() {
        ProfileMojo mojo = mojo();
        mojo.numProfileRuns = "three";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("aiperf.numProfileRuns").hasMessageContaining("'three' is not a whole number")
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
}
