package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SlaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad annotation use fails the method's container with an ExtensionConfigurationException that says the fix. */
class MisuseTest {

    static class UnknownMetric {
        @BenchmarkTest(requestCount = 10)
        @Sla(metric = "time_to_frist_token", stat = "p99", op = SlaOp.LT, threshold = 200)
        void m(CellResult cell) {
        }
    }

    static class UnknownStat {
        @BenchmarkTest(requestCount = 10)
        @Sla(metric = "time_to_first_token", stat = "p999", op = SlaOp.LT, threshold = 200)
        void m(CellResult cell) {
        }
    }

    static class PercentileOfPerRunMetric {
        @BenchmarkTest(requestCount = 10)
        @Sla(metric = "request_throughput", stat = "p99", op = SlaOp.GT, threshold = 1)
        void m(CellResult cell) {
        }
    }

    static class BadPath {
        @BenchmarkTest(requestCount = 10)
        @Sweep(parameters = @Param(path = "phases.profiling.concurency", values = {"1", "2"}))
        void m(CellResult cell) {
        }
    }

    static class RedundantPrefix {
        @BenchmarkTest(requestCount = 10)
        @Sweep(parameters = @Param(path = "benchmark.phases.profiling.concurrency", values = {"1", "2"}))
        void m(CellResult cell) {
        }
    }

    static class ScenariosWithoutScenarios {
        @BenchmarkTest(requestCount = 10)
        @Sweep(type = Sweep.Type.SCENARIOS)
        void m(CellResult cell) {
        }
    }

    static class GridWithScenarios {
        @BenchmarkTest(requestCount = 10)
        @Sweep(scenarios = @Scenario(name = "a", set = "isl=10"))
        void m(CellResult cell) {
        }
    }

    static class SweepTwice {
        @BenchmarkTest(config = "bench/with-sweep.yaml")
        @Sweep(parameters = @Param(path = "concurrency", values = {"1", "2"}))
        void m(CellResult cell) {
        }
    }

    static class MissingConfig {
        @BenchmarkTest(config = "bench/nope.yaml")
        void m(CellResult cell) {
        }
    }

    static class WrongParameter {
        @BenchmarkTest(requestCount = 10)
        void m(ProfileResult result) {
        }
    }

    static class ValueParameter {
        @BenchmarkTest(requestCount = 10)
        @Sweep(parameters = @Param(path = "concurrency", values = {"1", "2"}))
        void m(int concurrency) {
        }
    }

    static class TtftWithoutStreaming {
        @BenchmarkTest(requestCount = 10)
        @Sla(metric = "time_to_first_token", stat = "p99", op = SlaOp.LT, threshold = 200)
        void m(CellResult cell) {
        }
    }

    static class InvalidConfigValue {
        @BenchmarkTest(endpointType = "chatt")
        void m(CellResult cell) {
        }
    }

    static class ZeroConcurrency {
        @BenchmarkTest(concurrency = 0)
        void m(CellResult cell) {
        }
    }

    static class TooManyRuns {
        @BenchmarkTest(requestCount = 10)
        @MultiRun(runs = 20)
        void m(CellResult cell) {
        }
    }

    static class UrlWithoutModel {
        @BenchmarkTest(requestCount = 10)
        void m(CellResult cell) {
        }
    }

    @TempDir
    Path artifacts;

    private List<String> failure(Class<?> fixture) {
        return failure(fixture, java.util.Map.of());
    }

    private List<String> failure(Class<?> fixture, java.util.Map<String, String> parameters) {
        EngineExecutionResults results = Kit.run(fixture, artifacts, parameters);
        results.testEvents().assertStatistics(s -> s.started(0));
        return Kit.failures(results.containerEvents());
    }

    @Test
    void unknownMetricNamesTheClosestTagAndTheKnownOnes() {
        assertThat(failure(UnknownMetric.class)).singleElement().asString()
                .startsWith("ExtensionConfigurationException: UnknownMetric.m: ")
                .contains("SLA rule time_to_frist_token:p99:lt:200: names an unknown metric 'time_to_frist_token'"
                        + " (did you mean 'time_to_first_token'?)")
                .contains("known metrics: request_latency, time_to_first_token");
    }

    @Test
    void unknownStatAndPercentileOfAPerRunMetric() {
        assertThat(failure(UnknownStat.class)).singleElement().asString()
                .contains("names an unknown stat 'p999' (did you mean 'p99'?); use one of avg, min, max");
        assertThat(failure(PercentileOfPerRunMetric.class)).singleElement().asString()
                .contains("request_throughput is one value per run, so it has no p99; use the stat avg");
    }

    @Test
    void badSweepPathsSayWhatToWrite() {
        assertThat(failure(BadPath.class)).singleElement().asString()
                .startsWith("ExtensionConfigurationException: BadPath.m: ")
                .contains("concurency");
        assertThat(failure(RedundantPrefix.class)).singleElement().asString()
                .contains("redundant 'benchmark.' prefix")
                .contains("write 'phases.profiling.concurrency' instead");
    }

    @Test
    void sweepTypeAndContentMustAgree() {
        assertThat(failure(ScenariosWithoutScenarios.class)).singleElement().asString()
                .contains("@Sweep(type = SCENARIOS) needs scenarios, e.g. scenarios = @Scenario(name = \"chatbot\"");
        assertThat(failure(GridWithScenarios.class)).singleElement().asString()
                .contains("@Sweep(type = GRID) takes parameters, not scenarios; use type = SCENARIOS");
        assertThat(failure(SweepTwice.class)).singleElement().asString()
                .contains("a sweep is given in code and in the config's sweep: block; remove one of them");
    }

    @Test
    void missingConfigSaysWhereItLooked() {
        assertThat(failure(MissingConfig.class)).singleElement().asString()
                .contains("@BenchmarkTest(config = \"bench/nope.yaml\") is neither a classpath resource nor a file")
                .contains("put the YAML under src/test/resources");
    }

    @Test
    void parametersItCannotInjectPointAtCellResult() {
        assertThat(failure(WrongParameter.class)).singleElement().asString()
                .contains("parameter 'result' of type ProfileResult cannot be injected into a @BenchmarkTest;"
                        + " declare a CellResult parameter instead");
        assertThat(failure(ValueParameter.class)).singleElement().asString()
                .contains("parameter 'concurrency' of type int cannot be injected")
                .contains("values()");
    }

    @Test
    void badAttributeValuesAreNamed() {
        assertThat(failure(TtftWithoutStreaming.class)).singleElement().asString()
                .contains("time_to_first_token is measured only on streamed responses")
                .contains("@BenchmarkTest(streaming = true)");
        assertThat(failure(InvalidConfigValue.class)).singleElement().asString()
                .contains("InvalidConfigValue.m: the benchmark config is invalid: ")
                .contains("chatt");
        assertThat(failure(ZeroConcurrency.class)).singleElement().asString()
                .contains("@BenchmarkTest(concurrency = 0) must be > 0, or left out to keep the config's value");
        assertThat(failure(TooManyRuns.class)).singleElement().asString()
                .contains("@MultiRun(runs = 20) must be between 1 and 10");
    }

    @Test
    void aConfiguredUrlNeedsAModel() {
        assertThat(failure(UrlWithoutModel.class, java.util.Map.of(AIPerfExtension.URL_PARAMETER,
                "http://127.0.0.1:9"))).singleElement().asString()
                .contains("aiperf.url is set to http://127.0.0.1:9 but no model is named; set -Daiperf.model=");
    }
}
