package dev.aiperf.maven;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.SlaVerdict;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs benchmarks in the build and gates it on SLAs: the YAML configs under {@code src/test/aiperf/} (or those
 * named by {@code aiperf.config}) and, with {@code aiperf.tests}, the project's annotated benchmark tests. Without a
 * URL every run goes to the embedded mock server. Every flag of {@code aiperf profile} is a parameter named as the
 * flag in camelCase, with the property {@code aiperf.<name>}, and fills the same options the command line fills.
 * An SLA breach or a failed benchmark test fails the build with a message naming each breached cell and rule and
 * its measured value.
 *
 * <pre>
 * mvn aiperf:profile -Daiperf.concurrency=1,2,4 -Daiperf.requestCount=200 -Daiperf.sla=time_to_first_token:p99:lt:200
 * </pre>
 *
 * <p>Most of this class is its parameters, one per flag, each with the example {@code mvn aiperf:help} shows; Maven
 * reads them from fields of the goal, so they are here rather than in a smaller type. What they mean is decided once,
 * by the engine's {@link ProfileOptions}, which {@link #options} fills.
 */
@Mojo(name = "profile", defaultPhase = LifecyclePhase.INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ProfileMojo extends AbstractAIPerfMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    // ---- what to run -------------------------------------------------------------------------------------------

    /**
     * The YAML configs to run, comma-separated, relative to the project directory, e.g.
     * {@code -Daiperf.config=src/test/aiperf/smoke.yaml,perf/sweep.yaml}. By default every {@code *.yaml} and
     * {@code *.yml} in {@link #configDirectory}. The other parameters override each file as flags override
     * {@code --config}.
     */
    @Parameter(property = "aiperf.config")
    String config;

    /**
     * Where the default YAML configs are looked up, e.g. {@code -Daiperf.configDirectory=perf}.
     */
    @Parameter(property = "aiperf.configDirectory", defaultValue = "${project.basedir}/src/test/aiperf")
    File configDirectory;

    /**
     * Runs the project's annotated benchmark tests (JUnit tests tagged {@code benchmark}, as
     * {@code @BenchmarkTest} is) whose class name matches, comma-separated, with {@code *} for any characters; a
     * pattern without a package matches the simple name, e.g. {@code -Daiperf.tests=*BenchmarkTest} or
     * {@code -Daiperf.tests=com.acme.perf.*}; {@code *} runs them all. Unset: no tests. The test classes must be
     * compiled first ({@code mvn test-compile aiperf:profile}).
     */
    @Parameter(property = "aiperf.tests")
    String tests;

    /**
     * SLA rules in the POM, judged on every cell of every config, in the style of JaCoCo's check goal, e.g.
     * {@code <rules><rule><metric>time_to_first_token</metric><stat>p99</stat><op>lt</op><threshold>200</threshold></rule></rules>}.
     * They add to {@code aiperf.sla} and the YAML's {@code sla_filters}.
     */
    @Parameter
    List<Rule> rules = new ArrayList<>();

    /**
     * Fails the build on an SLA breach or a failed benchmark test; with {@code -Daiperf.failOnViolation=false} they
     * are only logged as warnings (infrastructure failures still fail the build).
     */
    @Parameter(property = "aiperf.failOnViolation", defaultValue = "true")
    boolean failOnViolation = true;

    /**
     * Where the breaches are recorded for {@code aiperf:verify} (the Failsafe-style split), e.g.
     * {@code -Daiperf.summaryFile=target/aiperf-reports/aiperf-profile-summary.json}.
     */
    @Parameter(property = "aiperf.summaryFile",
            defaultValue = "${project.build.directory}/aiperf-reports/aiperf-profile-summary.json")
    File summaryFile;

    // ---- the flags of aiperf profile, in ProfileOptions' order ---------------------------------------------------

    /** Model name(s) sent in requests, comma-separated, e.g. {@code -Daiperf.model=meta-llama/Llama-3.1-8B-Instruct}. */
    @Parameter(property = "aiperf.model")
    String model;

    /**
     * Base URL(s) of the server, comma-separated (the endpoint type's path is appended), e.g.
     * {@code -Daiperf.url=http://localhost:8000}; unset (and none in the YAML): the embedded mock server.
     */
    @Parameter(property = "aiperf.url")
    String url;

    /** Endpoint type: {@code chat} (default), {@code completions} or {@code embeddings}, e.g. {@code -Daiperf.endpointType=completions}. */
    @Parameter(property = "aiperf.endpointType")
    String endpointType;

    /** Requests SSE streaming responses, e.g. {@code -Daiperf.streaming=true}. */
    @Parameter(property = "aiperf.streaming")
    Boolean streaming;

    /**
     * Sends HTTP/2 over cleartext (h2c, prior knowledge) instead of HTTP/1.1; http:// URLs only, e.g.
     * {@code -Daiperf.http2=true}.
     */
    @Parameter(property = "aiperf.http2")
    Boolean http2;

    /** Concurrent requests; a comma list sweeps, e.g. {@code -Daiperf.concurrency=1,2,4}. */
    @Parameter(property = "aiperf.concurrency")
    String concurrency;

    /** Requests per second (open loop); a comma list sweeps, e.g. {@code -Daiperf.requestRate=10,20}. */
    @Parameter(property = "aiperf.requestRate")
    String requestRate;

    /** Arrival process of {@code requestRate}: {@code constant} or {@code poisson} (default), e.g. {@code -Daiperf.requestRateMode=constant}. */
    @Parameter(property = "aiperf.requestRateMode")
    String requestRateMode;

    /**
     * Total requests per second spread over {@code numUsers} users (a user-centric phase: each user sends a turn
     * every users / rate seconds), e.g. {@code -Daiperf.userCentricRate=5 -Daiperf.numUsers=10}.
     */
    @Parameter(property = "aiperf.userCentricRate")
    String userCentricRate;

    /** Requests of the profiling phase; a comma list sweeps, e.g. {@code -Daiperf.requestCount=200}. */
    @Parameter(property = "aiperf.requestCount")
    String requestCount;

    /** Profiling phase duration in seconds; a comma list sweeps, e.g. {@code -Daiperf.benchmarkDuration=60}. */
    @Parameter(property = "aiperf.benchmarkDuration")
    String benchmarkDuration;

    /** Seconds to wait for in-flight requests after the duration (default 30), e.g. {@code -Daiperf.benchmarkGracePeriod=10}. */
    @Parameter(property = "aiperf.benchmarkGracePeriod")
    String benchmarkGracePeriod;

    /** Requests of a warmup phase before profiling (excluded from results), 0 removes it, e.g. {@code -Daiperf.warmupRequestCount=20}. */
    @Parameter(property = "aiperf.warmupRequestCount")
    String warmupRequestCount;

    /**
     * Requests sent once per JVM to an in-process zero-latency server before the first run, so the harness's own code
     * is compiled before it measures (default 500; never touches the server under test); 0 turns it off, e.g.
     * {@code -Daiperf.harnessWarmupRequests=0}.
     */
    @Parameter(property = "aiperf.harnessWarmupRequests")
    String harnessWarmupRequests;

    /** Input sequence length mean in tokens; a comma list sweeps, e.g. {@code -Daiperf.isl=128,512}. */
    @Parameter(property = "aiperf.isl")
    String isl;

    /** Input sequence length standard deviation, e.g. {@code -Daiperf.islStddev=20}. */
    @Parameter(property = "aiperf.islStddev")
    String islStddev;

    /** Output sequence length mean (sent as max_tokens); a comma list sweeps, e.g. {@code -Daiperf.osl=128}. */
    @Parameter(property = "aiperf.osl")
    String osl;

    /** Output sequence length standard deviation, e.g. {@code -Daiperf.oslStddev=10}. */
    @Parameter(property = "aiperf.oslStddev")
    String oslStddev;

    /** Seed of every random choice, e.g. {@code -Daiperf.randomSeed=42}. */
    @Parameter(property = "aiperf.randomSeed")
    String randomSeed;

    /**
     * Artifact base directory, e.g. {@code -Daiperf.artifactDir=target/perf}. One config writes into it directly
     * (where {@code aiperf:compare} looks by default); several write into one subdirectory each, named after the
     * file; benchmark tests into {@code <class>/<method>} under it.
     */
    @Parameter(property = "aiperf.artifactDir", defaultValue = "${project.build.directory}/aiperf")
    File artifactDir;

    /**
     * Bearer token, e.g. {@code -Daiperf.apiKey=${env.OPENAI_API_KEY}}; unset: env {@code AIPERF_API_KEY}, then
     * {@code OPENAI_API_KEY}. Never written or logged.
     */
    @Parameter(property = "aiperf.apiKey")
    String apiKey;

    /** Extra request headers {@code K:V}, comma-separated, e.g. {@code -Daiperf.header=X-Tenant:perf}. */
    @Parameter(property = "aiperf.header")
    String header;

    /** Per-request timeout in seconds (default 600), e.g. {@code -Daiperf.requestTimeoutSeconds=60}. */
    @Parameter(property = "aiperf.requestTimeoutSeconds")
    String requestTimeoutSeconds;

    /** Progress display: {@code simple} (default) or {@code none}, e.g. {@code -Daiperf.ui=none}. */
    @Parameter(property = "aiperf.ui")
    String ui;

    /** Tokenizer: a jtokkit encoding (default cl100k_base) or a tokenizer.json path, e.g. {@code -Daiperf.tokenizer=o200k_base}. */
    @Parameter(property = "aiperf.tokenizer")
    String tokenizer;

    /** Counts tokens from the server's usage field, e.g. {@code -Daiperf.useServerTokenCount=true}. */
    @Parameter(property = "aiperf.useServerTokenCount")
    Boolean useServerTokenCount;

    /** Ceiling on requests awaiting their first token (streaming); a comma list sweeps, e.g. {@code -Daiperf.prefillConcurrency=4}. */
    @Parameter(property = "aiperf.prefillConcurrency")
    String prefillConcurrency;

    /** Conversations; a comma list sweeps, e.g. {@code -Daiperf.numConversations=50}. */
    @Parameter(property = "aiperf.numConversations")
    String numConversations;

    /** Simulated users; a comma list sweeps, e.g. {@code -Daiperf.numUsers=10}. */
    @Parameter(property = "aiperf.numUsers")
    String numUsers;

    /** Mean turns per conversation; a comma list sweeps, e.g. {@code -Daiperf.conversationTurnMean=3}. */
    @Parameter(property = "aiperf.conversationTurnMean")
    String conversationTurnMean;

    /**
     * Dataset file, relative to the project directory: single_turn, multi_turn, mooncake_trace or random_pool JSONL,
     * or ShareGPT JSON, e.g. {@code -Daiperf.inputFile=src/test/aiperf/trace.jsonl}. A trace whose records carry
     * timestamps replays on a fixed schedule unless a load (concurrency, rate, users) is given.
     */
    @Parameter(property = "aiperf.inputFile")
    String inputFile;

    /**
     * Format of {@code inputFile} (default: read from its first record), e.g.
     * {@code -Daiperf.customDatasetType=mooncake_trace}.
     */
    @Parameter(property = "aiperf.customDatasetType")
    String customDatasetType;

    /** Standard deviation of the turns per synthetic conversation, e.g. {@code -Daiperf.conversationTurnStddev=1}. */
    @Parameter(property = "aiperf.conversationTurnStddev")
    String conversationTurnStddev;

    /** Mean think time between turns in ms, e.g. {@code -Daiperf.conversationTurnDelayMean=500}. */
    @Parameter(property = "aiperf.conversationTurnDelayMean")
    String conversationTurnDelayMean;

    /** Standard deviation of the think time between turns in ms, e.g. {@code -Daiperf.conversationTurnDelayStddev=100}. */
    @Parameter(property = "aiperf.conversationTurnDelayStddev")
    String conversationTurnDelayStddev;

    /**
     * Sends each request at its trace timestamp ({@code true}), or keeps a timestamped trace closed-loop instead of
     * switching to that automatically ({@code false}), e.g. {@code -Daiperf.fixedSchedule=true}.
     */
    @Parameter(property = "aiperf.fixedSchedule")
    Boolean fixedSchedule;

    /**
     * Shifts the trace so its first timestamp is sent at once (default true; false with a start offset), e.g.
     * {@code -Daiperf.fixedScheduleAutoOffset=false}.
     */
    @Parameter(property = "aiperf.fixedScheduleAutoOffset")
    Boolean fixedScheduleAutoOffset;

    /** Replays only trace entries at or after this timestamp (ms), e.g. {@code -Daiperf.fixedScheduleStartOffset=60000}. */
    @Parameter(property = "aiperf.fixedScheduleStartOffset")
    String fixedScheduleStartOffset;

    /** Replays only trace entries at or before this timestamp (ms), e.g. {@code -Daiperf.fixedScheduleEndOffset=120000}. */
    @Parameter(property = "aiperf.fixedScheduleEndOffset")
    String fixedScheduleEndOffset;

    /** Replays the trace this many times faster than recorded (default 1), e.g. {@code -Daiperf.fixedScheduleSpeedup=2}. */
    @Parameter(property = "aiperf.fixedScheduleSpeedup")
    String fixedScheduleSpeedup;

    /** Percentage (0-100) of requests aborted on purpose, e.g. {@code -Daiperf.requestCancellationRate=10}. */
    @Parameter(property = "aiperf.requestCancellationRate")
    String requestCancellationRate;

    /**
     * Seconds after sending at which a cancelled request is aborted (default 0), e.g.
     * {@code -Daiperf.requestCancellationDelay=0.5}.
     */
    @Parameter(property = "aiperf.requestCancellationDelay")
    String requestCancellationDelay;

    /** How comma lists combine: {@code grid} (default, cross product) or {@code zip}, e.g. {@code -Daiperf.sweepType=zip}. */
    @Parameter(property = "aiperf.sweepType")
    String sweepType;

    /** Gives every sweep variation the same seed ({@code false}: seed + variation index), e.g. {@code -Daiperf.parameterSweepSameSeed=true}. */
    @Parameter(property = "aiperf.parameterSweepSameSeed")
    Boolean parameterSweepSameSeed;

    /** Idle seconds between sweep variations, e.g. {@code -Daiperf.parameterSweepCooldownSeconds=5}. */
    @Parameter(property = "aiperf.parameterSweepCooldownSeconds")
    String parameterSweepCooldownSeconds;

    /** Trials per configuration (1..10) for confidence intervals, e.g. {@code -Daiperf.numProfileRuns=3}. */
    @Parameter(property = "aiperf.numProfileRuns")
    String numProfileRuns;

    /** Idle seconds between trials, e.g. {@code -Daiperf.profileRunCooldownSeconds=2}. */
    @Parameter(property = "aiperf.profileRunCooldownSeconds")
    String profileRunCooldownSeconds;

    /** Confidence level of the intervals (default 0.95), e.g. {@code -Daiperf.confidenceLevel=0.99}. */
    @Parameter(property = "aiperf.confidenceLevel")
    String confidenceLevel;

    /**
     * Stops a cell's trials early once this metric converges ({@code multi_run.convergence}), e.g.
     * {@code -Daiperf.convergenceMetric=request_throughput -Daiperf.numProfileRuns=8}.
     */
    @Parameter(property = "aiperf.convergenceMetric")
    String convergenceMetric;

    /** Statistic of the convergence metric (default avg), e.g. {@code -Daiperf.convergenceStat=p99}. */
    @Parameter(property = "aiperf.convergenceStat")
    String convergenceStat;

    /**
     * Convergence criterion: {@code ci_width} (default), {@code cv} or {@code distribution}, e.g.
     * {@code -Daiperf.convergenceMode=cv}.
     */
    @Parameter(property = "aiperf.convergenceMode")
    String convergenceMode;

    /**
     * Threshold of the criterion in (0, 1): 0.10 for ci_width, 0.05 for cv and distribution by default, e.g.
     * {@code -Daiperf.convergenceThreshold=0.05}.
     */
    @Parameter(property = "aiperf.convergenceThreshold")
    String convergenceThreshold;

    /** Trials before convergence is judged (default 2), e.g. {@code -Daiperf.convergenceMinRuns=3}. */
    @Parameter(property = "aiperf.convergenceMinRuns")
    String convergenceMinRuns;

    /**
     * SLA gates {@code METRIC:STAT:OP:THRESHOLD}, comma-separated, e.g.
     * {@code -Daiperf.sla=time_to_first_token:p99:lt:200,request_throughput:avg:gt:50}.
     */
    @Parameter(property = "aiperf.sla")
    String sla;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (summaryFile != null) {
            // A summary from an earlier build must not speak for this one if it stops on bad input.
            try {
                Files.deleteIfExists(summaryFile.toPath());
            } catch (IOException e) {
                throw new UncheckedIOException("deleting " + summaryFile, e);
            }
        }
        List<Path> configs = configs();
        List<String> breaches = new ArrayList<>();
        if (!configs.isEmpty() || tests == null) {
            // No YAML: one run from the parameters alone, as `aiperf profile <flags>` without --config.
            List<Path> runs = configs.isEmpty() ? java.util.Collections.singletonList(null) : configs;
            for (Path yaml : runs) {
                Path dir = runs.size() == 1 ? artifactDir.toPath() : artifactDir.toPath().resolve(baseName(yaml));
                breaches.addAll(profile(yaml, dir, runs.size() > 1));
            }
        }
        if (tests != null) {
            breaches.addAll(runTests());
        }
        ProfileSummary summary = new ProfileSummary(artifactDir.getAbsolutePath(), breaches);
        if (summaryFile != null) {
            summary.write(summaryFile.toPath());
        }
        if (summary.passed()) {
            return;
        }
        if (failOnViolation) {
            throw new MojoFailureException(summary.message());
        }
        getLog().warn(summary.message() + "\n(not failing: aiperf.failOnViolation=false; aiperf:verify fails on"
                + " these)");
    }

    /** Where the goal's relative paths point: the project directory (the working directory without a project). */
    private Path projectDir() {
        return project != null ? project.getBasedir().toPath() : Path.of("");
    }

    /** The YAML files to run: {@code aiperf.config}, else the {@code *.yaml} of {@link #configDirectory}. */
    List<Path> configs() {
        Path base = projectDir();
        List<Path> out = new ArrayList<>();
        if (config != null && !config.isBlank()) {
            for (String part : config.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Path p = base.resolve(part.trim()).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new ConfigException("aiperf.config: " + p + " does not exist; name YAML files relative to"
                            + " the project directory, e.g. -Daiperf.config=src/test/aiperf/smoke.yaml");
                }
                out.add(p);
            }
            return out;
        }
        if (configDirectory == null || !configDirectory.isDirectory()) {
            return out;
        }
        try (Stream<Path> files = Files.list(configDirectory.toPath())) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + configDirectory, e);
        }
        return out;
    }

    /** One {@code aiperf profile} run; returns its breaches, described. */
    private List<String> profile(Path yaml, Path dir, boolean prefix) throws MojoExecutionException {
        String name = yaml == null ? "flags" : baseName(yaml);
        getLog().info("AIPerf profile " + (yaml == null ? "(no YAML config: the aiperf.* parameters alone)"
                : yaml.toString()) + " -> " + dir);
        ProfileResult result;
        try (PrintStream out = LogStream.info(getLog())) {
            Benchmark benchmark = Benchmark.builder().options(options(yaml, dir)).sla(rules()).build();
            result = benchmark.run(RunSettings.defaults().console(out).commandLine(commandLine()));
        } catch (ConfigException e) {
            throw new MojoExecutionException((yaml == null ? "" : yaml + ": ") + e.getMessage(), e);
        }
        if (result.cancelled()) {
            throw new MojoExecutionException("AIPerf profile " + name + " was interrupted; the runs that finished"
                    + " are in " + dir);
        }
        if (result.cells().isEmpty() || result.allFailed()) {
            throw new MojoExecutionException("AIPerf profile " + name + ": every run failed (" + result.failedRuns()
                    .size() + " failed run(s)); is the server up? See each run's run_status.json under " + dir);
        }
        List<String> out = new ArrayList<>();
        if (!result.searchFeasible()) {
            String line = result.search().infeasibleMessage();
            out.add(prefix ? name + ": " + line : line);
        }
        for (SlaVerdict v : result.slaBreaches()) {
            String line = v.describe(result.confidenceLevel());
            out.add(prefix ? name + ": " + line : line);
        }
        if (out.isEmpty()) {
            getLog().info("AIPerf profile " + name + ": " + result.cells().size() + " cell(s), every SLA met");
        }
        return out;
    }

    /**
     * The parameters as the engine's options, the same model {@code aiperf profile} fills from its flags: one
     * parameter per flag, text where the flag takes a comma list, numbers checked here with the parameter's name.
     *
     * @param yaml the config of this run, or {@code null}
     * @param dir  its artifact directory
     */
    ProfileOptions options(Path yaml, Path dir) {
        return ProfileOptions.builder()
                .config(yaml)
                .artifactDir(dir)
                .models(ParameterValues.list(model))
                .urls(ParameterValues.list(url))
                .endpointType(ParameterValues.text(endpointType))
                .streaming(streaming)
                .http2(http2)
                .concurrency(ParameterValues.text(concurrency))
                .requestRate(ParameterValues.text(requestRate))
                .requestRateMode(ParameterValues.text(requestRateMode))
                .userCentricRate(ParameterValues.text(userCentricRate))
                .requestCount(ParameterValues.text(requestCount))
                .benchmarkDuration(ParameterValues.text(benchmarkDuration))
                .benchmarkGracePeriod(ParameterValues.text(benchmarkGracePeriod))
                .warmupRequestCount(ParameterValues.integer("warmupRequestCount", warmupRequestCount))
                .harnessWarmupRequests(ParameterValues.integer("harnessWarmupRequests", harnessWarmupRequests))
                .isl(ParameterValues.text(isl))
                .islStddev(ParameterValues.text(islStddev))
                .osl(ParameterValues.text(osl))
                .oslStddev(ParameterValues.text(oslStddev))
                .randomSeed(ParameterValues.whole("randomSeed", randomSeed))
                .apiKey(ParameterValues.text(apiKey))
                .headers(ParameterValues.list(header))
                .requestTimeoutSeconds(ParameterValues.real("requestTimeoutSeconds", requestTimeoutSeconds))
                .ui(ParameterValues.text(ui))
                .tokenizer(ParameterValues.text(tokenizer))
                .useServerTokenCount(useServerTokenCount)
                .prefillConcurrency(ParameterValues.text(prefillConcurrency))
                .numConversations(ParameterValues.text(numConversations))
                .numUsers(ParameterValues.text(numUsers))
                .conversationTurnMean(ParameterValues.text(conversationTurnMean))
                .inputFile(ParameterValues.text(inputFile) == null ? null : projectDir().resolve(inputFile.trim()))
                .customDatasetType(ParameterValues.text(customDatasetType))
                .conversationTurnStddev(ParameterValues.integer("conversationTurnStddev", conversationTurnStddev))
                .conversationTurnDelayMean(ParameterValues.real("conversationTurnDelayMean", conversationTurnDelayMean))
                .conversationTurnDelayStddev(ParameterValues.real("conversationTurnDelayStddev",
                        conversationTurnDelayStddev))
                .fixedSchedule(fixedSchedule)
                .fixedScheduleAutoOffset(fixedScheduleAutoOffset)
                .fixedScheduleStartOffset(ParameterValues.real("fixedScheduleStartOffset", fixedScheduleStartOffset))
                .fixedScheduleEndOffset(ParameterValues.real("fixedScheduleEndOffset", fixedScheduleEndOffset))
                .fixedScheduleSpeedup(ParameterValues.real("fixedScheduleSpeedup", fixedScheduleSpeedup))
                .requestCancellationRate(ParameterValues.real("requestCancellationRate", requestCancellationRate))
                .requestCancellationDelay(ParameterValues.real("requestCancellationDelay", requestCancellationDelay))
                .sweepType(ParameterValues.text(sweepType))
                .parameterSweepSameSeed(parameterSweepSameSeed)
                .parameterSweepCooldownSeconds(ParameterValues.real("parameterSweepCooldownSeconds", parameterSweepCooldownSeconds))
                .numProfileRuns(ParameterValues.integer("numProfileRuns", numProfileRuns))
                .profileRunCooldownSeconds(ParameterValues.real("profileRunCooldownSeconds", profileRunCooldownSeconds))
                .confidenceLevel(ParameterValues.real("confidenceLevel", confidenceLevel))
                .convergenceMetric(ParameterValues.text(convergenceMetric))
                .convergenceStat(ParameterValues.text(convergenceStat))
                .convergenceMode(ParameterValues.text(convergenceMode))
                .convergenceThreshold(ParameterValues.real("convergenceThreshold", convergenceThreshold))
                .convergenceMinRuns(ParameterValues.integer("convergenceMinRuns", convergenceMinRuns))
                .sla(ParameterValues.list(sla))
                .build();
    }

    /** The POM's {@code <rules>}. */
    List<SlaRule> rules() {
        List<SlaRule> out = new ArrayList<>();
        for (Rule r : rules == null ? List.<Rule>of() : rules) {
            out.add(SlaRule.parse(r.spec()));
        }
        return out;
    }

    /** {@code mvn aiperf:profile -Daiperf.x=v ...} as recorded in run_info (the engine redacts secrets). */
    private List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of("mvn", "aiperf:profile"));
        ProfileOptions o = options(null, null);
        for (var c : ProfileOptions.class.getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v != null && !c.getName().equals("search")) {
                String text = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : v.toString();
                command.add("-Daiperf." + c.getName() + "=" + text);
            }
        }
        return command;
    }

    private List<String> runTests() throws MojoExecutionException {
        List<String> classpath;
        try {
            classpath = project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's test classpath is not resolved: " + e.getMessage(), e);
        }
        // What the JUnit extension reads (docs/JUNIT.md): the endpoint and where to write; a test's workload is in
        // its annotations.
        Map<String, String> parameters = new LinkedHashMap<>();
        if (ParameterValues.text(url) != null) {
            parameters.put("aiperf.url", url.trim());
        }
        if (ParameterValues.text(model) != null) {
            parameters.put("aiperf.model", model.trim());
        }
        parameters.put("aiperf.artifacts.dir", artifactDir.getAbsolutePath());
        Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
        getLog().info("AIPerf benchmark tests matching " + tests + " in " + testClasses);
        BenchmarkTestLauncher.Outcome outcome = BenchmarkTestLauncher.run(classpath, testClasses, tests, parameters,
                getLog());
        getLog().info(String.format("AIPerf benchmark tests: %d run, %d passed, %d failed, %d skipped",
                outcome.run(), outcome.succeeded().size(), outcome.failures().size(), outcome.aborted()));
        if (outcome.run() == 0 && outcome.failures().isEmpty()) {
            throw new MojoExecutionException("aiperf.tests=" + tests + " matched no benchmark test (JUnit tests tagged"
                    + " 'benchmark', e.g. @BenchmarkTest) in " + testClasses);
        }
        return outcome.failures().stream().map(f -> "benchmark test " + f).toList();
    }

    private static String baseName(Path yaml) {
        String file = yaml.getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }
}
