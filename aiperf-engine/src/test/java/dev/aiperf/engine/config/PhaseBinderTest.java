package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The phase types of real traffic (user-centric, fixed-schedule), AIPerf's automatic fixed schedule, prefill ramps,
 * request cancellation, and the ramp, smoothness and grace-period rules of the reference, pinned.
 */
class PhaseBinderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private static BenchmarkConfig bind(String yaml) {
        try {
            return BenchmarkBinder.bind((ObjectNode) YAML.readTree(yaml), YamlSourceLines.scan(yaml), "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PhaseConfig phase(String yaml) {
        return bind(yaml).phases().get(0);
    }

    private static String error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> bind(yaml)).getMessage();
    }

    /** A dataset block over a trace whose first record has a timestamp. */
    private String trace() throws IOException {
        Path f = dir.resolve("trace.jsonl");
        Files.writeString(f, "{\"timestamp\": 100, \"input_length\": 10, \"output_length\": 4}\n");
        return "dataset: {path: '" + f + "'}\n";
    }

    /** A dataset block over a single-turn file without timestamps. */
    private String prompts() throws IOException {
        Path f = dir.resolve("prompts.jsonl");
        Files.writeString(f, "{\"text\": \"hello\"}\n");
        return "dataset: {path: '" + f + "'}\n";
    }

    @Test
    void userCentricNeedsRateAndUsers() {
        PhaseConfig p = phase("phases: [{type: user-centric, rate: 10, users: 4, duration: 60}]");
        assertThat(p.type()).isEqualTo(PhaseType.USER_CENTRIC);
        assertThat(p.rate()).isEqualTo(10.0);
        assertThat(p.users()).isEqualTo(4);
        assertThat(error("phases: [{type: user-centric, rate: 10}]")).contains("phases[0].type (line 1)")
                .contains("a user-centric phase needs users").contains("(--num-users)")
                .contains("turn gap is users / rate seconds");
        assertThat(error("phases: [{type: user-centric, users: 4}]")).contains("phases[0].type")
                .contains("a user-centric phase needs a rate in requests per second");
        assertThat(phase("phases: [{type: user-centric, rate: 10, users: 4, rate_ramp: 5}]").rateRamp())
                .isEqualTo(new Ramp(1, 5));
    }

    @Test
    void aMeasuredPhaseWithoutLoadReplaysATimestampedTrace() throws IOException {
        PhaseConfig p = phase(trace());
        assertThat(p.type()).isEqualTo(PhaseType.FIXED_SCHEDULE);
        assertThat(p.requests()).as("a replay stops at the trace's end").isNull();
        assertThat(p.schedule()).isNull();
        assertThat(p.scheduleOrDefault()).isEqualTo(PhaseConfig.FixedSchedule.DEFAULT);
        assertThat(bind(trace()).artifacts().dir().toString()).endsWith("-fixed_schedule");
        // Any stated load keeps the user's timing mode; the trace then only supplies the prompts.
        assertThat(phase(trace() + "phases: [{concurrency: 4}]").type()).isEqualTo(PhaseType.CONCURRENCY);
        assertThat(phase(trace() + "phases: [{rate: 4}]").type()).isEqualTo(PhaseType.POISSON);
        assertThat(phase(trace() + "phases: [{type: concurrency}]").type()).isEqualTo(PhaseType.CONCURRENCY);
        assertThat(phase(trace() + "phases: [{requests: 50}]").requests()).isEqualTo(50);
        List<PhaseConfig> withWarmup = bind(trace() + "phases: [{exclude_from_results: true, requests: 5}, {}]")
                .phases();
        assertThat(withWarmup).extracting(PhaseConfig::type)
                .containsExactly(PhaseType.CONCURRENCY, PhaseType.FIXED_SCHEDULE);
        assertThat(phase(prompts()).type()).as("no timestamps, no switch").isEqualTo(PhaseType.CONCURRENCY);
    }

    @Test
    void fixedScheduleOptions() throws IOException {
        PhaseConfig p = phase(trace() + "phases: [{type: fixed-schedule, auto_offset: false, start_offset: 1000,"
                + " end_offset: 5000, speedup: 2.5}]");
        assertThat(p.schedule()).isEqualTo(new PhaseConfig.FixedSchedule(false, 1000.0, 5000.0, 2.5));
        assertThat(phase(trace() + "phases: [{start_offset: 1000}]").schedule())
                .as("a start offset is the schedule's zero, so it turns the default auto offset off")
                .isEqualTo(new PhaseConfig.FixedSchedule(false, 1000.0, null, 1.0));
        assertThat(phase(trace() + "phases: [{speedup: 4}]").schedule())
                .isEqualTo(new PhaseConfig.FixedSchedule(true, null, null, 4.0));
        assertThat(error(trace() + "phases: [{auto_offset: true, start_offset: 10}]"))
                .contains("phases[0].auto_offset (line 2)")
                .contains("auto_offset and start_offset exclude each other");
        assertThat(error(trace() + "phases: [{start_offset: 10, end_offset: 5}]"))
                .contains("phases[0].end_offset").contains("must be >= start_offset (10 ms); got 5");
        assertThat(error(trace() + "phases: [{speedup: 0}]")).contains("phases[0].speedup")
                .contains("must be > 0");
        assertThat(error(trace() + "phases: [{start_offset: -1}]")).contains("must be >= 0");
    }

    @Test
    void fixedScheduleRefusesOtherLoadsAndNeedsTimestamps() throws IOException {
        assertThat(error(trace() + "phases: [{type: fixed-schedule, rate: 5}]"))
                .contains("phases[0].rate (line 2)")
                .contains("a fixed-schedule phase sends each request at its trace timestamp, so rate does not apply");
        assertThat(error(trace() + "phases: [{type: fixed-schedule, users: 5}]")).contains("phases[0].users");
        assertThat(error(trace() + "phases: [{type: fixed-schedule, concurrency: 4, concurrency_ramp: 5}]"))
                .contains("phases[0].concurrency_ramp");
        assertThat(phase(trace() + "phases: [{type: fixed-schedule, concurrency: 4}]").concurrency())
                .as("a concurrency is a ceiling, as for the other open-loop types").isEqualTo(4);
        assertThat(error("phases: [{type: fixed-schedule}]")).contains("phases[0].type (line 1)")
                .contains("replays the timestamps of a dataset file; set dataset.path (--input-file)");
        assertThat(error(prompts() + "phases: [{type: fixed-schedule}]")).contains("phases[0].type")
                .contains("prompts.jsonl has no 'timestamp' (ms)");
    }

    @Test
    void scheduleKeysAreRefusedOnOtherTypes() {
        assertThat(error("phases: [{type: concurrency, speedup: 2}]")).contains("phases[0].speedup (line 1)")
                .contains("speedup only applies to fixed-schedule phases (this one is concurrency); set type:"
                        + " fixed-schedule or remove speedup");
        assertThat(error("phases: [{rate: 5, start_offset: 2}]")).contains("phases[0].start_offset")
                .contains("(this one is poisson)");
    }

    @Test
    void prefillRampNeedsPrefillConcurrency() {
        PhaseConfig p = phase("endpoint: {streaming: true}\nphases: [{concurrency: 8, prefill_concurrency: 4,"
                + " prefill_ramp: 10}]");
        assertThat(p.prefillRamp()).isEqualTo(new Ramp(1, 10));
        assertThat(phase("endpoint: {streaming: true}\nphases: [{prefill_concurrency: 4,"
                + " prefill_ramp: {start: 2, duration: 3}}]").prefillRamp()).isEqualTo(new Ramp(2, 3));
        assertThat(error("phases: [{prefill_ramp: 10}]")).contains("phases[0].prefill_ramp (line 1)")
                .contains("a prefill ramp needs a target prefill_concurrency; set prefill_concurrency");
        assertThat(error("endpoint: {streaming: true}\nphases: [{prefill_concurrency: 2,"
                + " prefill_ramp: {start: 3, duration: 1}}]")).contains("above the target 2");
    }

    @Test
    void requestCancellationIsAPercentageAndADelay() {
        assertThat(phase("phases: [{request_cancellation: {rate: 10, delay: 0.5}}]").cancellation())
                .isEqualTo(new PhaseConfig.Cancellation(10, 0.5));
        assertThat(phase("phases: [{request_cancellation: {rate: 25}}]").cancellation())
                .isEqualTo(new PhaseConfig.Cancellation(25, 0));
        assertThat(phase("phases: [{request_cancellation: {rate: 0}}]").cancellation())
                .as("0% is no cancellation, so a sweep can hold a baseline cell").isNull();
        assertThat(error("phases: [{request_cancellation: {rate: 120}}]"))
                .contains("phases[0].request_cancellation.rate (line 1)")
                .contains("is a percentage of requests; must be <= 100, got 120");
        assertThat(error("phases: [{request_cancellation: {delay: 1}}]"))
                .contains("phases[0].request_cancellation").contains("needs rate");
        assertThat(error("phases: [{request_cancellation: {rate: 5, delay: -1}}]"))
                .contains("request_cancellation.delay").contains("must be >= 0");
        assertThat(error("phases: [{request_cancellation: {rate: 5, after: 1}}]")).contains("unknown key 'after'");
    }

    @Test
    void rampSmoothnessAndGraceRulesOfTheReference() {
        // concurrency_ramp: needs a target concurrency; rises from 1 (or start) to it.
        assertThat(phase("phases: [{concurrency: 8, concurrency_ramp: 30}]").concurrencyRamp())
                .isEqualTo(new Ramp(1, 30));
        assertThat(error("phases: [{rate: 5, concurrency_ramp: 30}]")).contains("phases[0].concurrency_ramp")
                .contains("needs a target concurrency");
        assertThat(error("phases: [{concurrency: 8, concurrency_ramp: 0}]")).contains("must be > 0 seconds");
        // rate_ramp: only phases with a rate.
        assertThat(phase("phases: [{rate: 20, rate_ramp: {start: 5, duration: 10}}]").rateRamp())
                .isEqualTo(new Ramp(5, 10));
        assertThat(error("phases: [{concurrency: 4, rate_ramp: 10}]")).contains("phases[0].rate_ramp")
                .contains("needs a constant, poisson, gamma or user-centric phase with a rate");
        // smoothness: the gamma shape only.
        assertThat(phase("phases: [{type: gamma, rate: 5, smoothness: 0.5}]").smoothness()).isEqualTo(0.5);
        assertThat(error("phases: [{type: gamma, rate: 5, smoothness: 0}]")).contains("must be > 0");
        assertThat(error("phases: [{type: poisson, rate: 5, smoothness: 2}]")).contains("set type: gamma");
        // grace_period: duration-based phases only; default 30 s.
        assertThat(phase("phases: [{duration: 10}]").gracePeriodOrDefault()).isEqualTo(30.0);
        assertThat(phase("phases: [{duration: 10, grace_period: 0}]").gracePeriodOrDefault()).isEqualTo(0.0);
        assertThat(error("phases: [{requests: 10, grace_period: 5}]")).contains("phases[0].grace_period")
                .contains("only applies to duration-based phases");
    }
}
