package dev.aiperf.maven;

import dev.aiperf.engine.api.model.ConfigException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Benchmark tests found by class name pattern and tag, run by the JUnit Platform Launcher. */
class BenchmarkTestLauncherTest {

    private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

    @Test
    void runsOnlyTheTaggedClassesMatchingThePatternAndReportsEachVerdict() {
        BenchmarkTestLauncher.Outcome outcome = BenchmarkTestLauncher.run(List.of(TEST_CLASSES.toString()),
                TEST_CLASSES, "*LauncherFixtures*", Map.of("aiperf.url", "http://127.0.0.1:1"),
                new SystemStreamLog());

        assertThat(outcome.succeeded()).containsExactly("LauncherFixtures$FastEnough > latencyWithinBudget()");
        assertThat(outcome.failures()).containsExactly("LauncherFixtures$TooSlow > latencyOverBudget():"
                + " time_to_first_token p99 < 200 breached: measured 231.40 ms (1 run)");
        assertThat(outcome.run()).isEqualTo(2);
    }

    @Test
    void aPatternThatMatchesNoBenchmarkRunsNothing() {
        BenchmarkTestLauncher.Outcome outcome = BenchmarkTestLauncher.run(List.of(TEST_CLASSES.toString()),
                TEST_CLASSES, "com.elsewhere.*", Map.of(), new SystemStreamLog());

        assertThat(outcome.run()).isZero();
    }

    @Test
    void patternsAreGlobsOnTheClassNameAndBareNamesMatchInAnyPackage() {
        String[] r = BenchmarkTestLauncher.regexes("*BenchmarkTest, com.acme.perf.*");

        assertThat(Pattern.matches(r[0], "com.acme.LatencyBenchmarkTest")).isTrue();
        assertThat(Pattern.matches(r[0], "LatencyBenchmarkTest")).isTrue();
        assertThat(Pattern.matches(r[0], "com.acme.LatencyBenchmarkTests")).isFalse();
        assertThat(Pattern.matches(r[1], "com.acme.perf.sub.Ttft")).isTrue();
        assertThat(Pattern.matches(r[1], "com.acmexperf.Ttft")).isFalse();
        assertThatThrownBy(() -> BenchmarkTestLauncher.regexes(" , ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("-Daiperf.tests=*BenchmarkTest");
    }

    @Test
    void missingTestClassesAskForTestCompile(@TempDir Path tmp) {
        assertThatThrownBy(() -> BenchmarkTestLauncher.run(List.of(), tmp.resolve("test-classes"), "*", Map.of(),
                new SystemStreamLog())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mvn test-compile aiperf:profile");
    }
}
