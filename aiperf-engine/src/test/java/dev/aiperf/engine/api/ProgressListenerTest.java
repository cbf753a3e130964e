package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ProfileOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that draws progress itself (the command line's progress bars) hears each trial's phase progress and
 * the console prints no live counter of its own; any other listener leaves the console's counter alone.
 */
class ProgressListenerTest {

    @TempDir
    Path tmp;

    private ProfileOptions options(String dir) {
        // One request at a time against the default latency model: a run lasts longer than the 250 ms tick.
        return ProfileOptions.builder().streaming(true).concurrency("1").requestCount("12").isl("32").osl("8")
                .randomSeed(3L).harnessWarmupRequests(0).artifactDir(tmp.resolve(dir)).build();
    }

    @Test
    void aDrawingListenerGetsProgressAndTheConsoleNoCounter() {
        List<BenchmarkListener.Progress> seen = new CopyOnWriteArrayList<>();
        List<BenchmarkListener.Trial> trials = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.of(options("drawn")).run(RunSettings.defaults()
                .console(new PrintStream(console, true, StandardCharsets.UTF_8))
                .listener(new BenchmarkListener() {
                    @Override
                    public boolean drawsProgress() {
                        return true;
                    }

                    @Override
                    public void progress(Trial trial, Progress progress) {
                        trials.add(trial);
                        seen.add(progress);
                    }
                }));

        assertThat(seen).isNotEmpty();
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.phase()).isEqualTo("profiling");
            assertThat(p.expectedRequests()).isEqualTo(12);
            assertThat(p.durationSeconds()).isEqualTo(-1);
            assertThat(p.fraction()).isBetween(0.0, 1.0);
        });
        assertThat(trials).allSatisfy(t -> assertThat(t.runDir()).isEqualTo(tmp.resolve("drawn")));
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("profiling: ").contains("artifacts: ");
    }

    @Test
    void anyOtherListenerLeavesTheConsolesCounter() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.of(options("plain")).run(RunSettings.defaults()
                .console(new PrintStream(console, true, StandardCharsets.UTF_8)).listener(BenchmarkListener.NONE));

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("profiling: 12/12 requests, 0 errors");
    }
}
