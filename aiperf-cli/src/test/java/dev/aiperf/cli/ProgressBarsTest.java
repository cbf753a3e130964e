package dev.aiperf.cli;

import dev.aiperf.engine.api.BenchmarkListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal's two progress bars as text: what each shows, and that they fit the width. */
class ProgressBarsTest {

    private static final BenchmarkListener.Trial TRIAL = new BenchmarkListener.Trial(1,
            "phases.profiling.concurrency=8", 1, "trial_0002", Path.of("out/profile_runs/trial_0002/concurrency_8"));

    @Test
    void aRequestCountPhaseShowsCountsRateErrorsAndEtas() {
        // Run 5 of 12 is half done: 4.5 of 12 runs in 30 s, so the whole has 40 s to go.
        BenchmarkListener.Progress p = new BenchmarkListener.Progress("profiling", 32, 2, 64, 4.0, -1);

        List<String> lines = ProgressBars.render(new ProgressBars.State(5, 12, TRIAL, p, 30), 100);

        assertThat(lines.get(0)).startsWith("overall [").endsWith("] 4/12 runs  38% elapsed 0:30 ETA 0:50");
        assertThat(lines.get(1)).startsWith("concurrency=8 trial_0002 [")
                .endsWith("] profiling 32/64 req 8.0 req/s 2 err ETA 0:04");
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(100));
        String bar = lines.get(1).substring(lines.get(1).indexOf('[') + 1, lines.get(1).indexOf(']'));
        long full = bar.chars().filter(c -> c == ProgressBars.FULL).count();
        assertThat(full).isEqualTo(bar.length() / 2);
        assertThat(bar.chars().filter(c -> c == ProgressBars.EMPTY).count()).isEqualTo(bar.length() - full);
    }

    @Test
    void aDurationPhaseShowsSecondsOfItsDuration() {
        BenchmarkListener.Progress p = new BenchmarkListener.Progress("profiling", 300, 0, -1, 15.0, 60.0);

        List<String> lines = ProgressBars.render(new ProgressBars.State(1, 1, TRIAL, p, 15), 120);

        assertThat(lines.get(1)).endsWith("] profiling 15/60 s 20.0 req/s 0 err ETA 0:45");
        assertThat(lines.get(0)).contains(" 0/1 runs  25% ");
    }

    @Test
    void beforeTheFirstTickTheTrialIsStartingAndNoEtaIsGuessed() {
        List<String> lines = ProgressBars.render(new ProgressBars.State(1, 4, TRIAL, null, 0.5), 80);

        assertThat(lines.get(0)).endsWith("0/4 runs   0% elapsed 0:01 ETA --:--");
        assertThat(lines.get(1)).endsWith("] starting");
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void labelsKeepTheSweptLeavesAndClocksGrowHours() {
        assertThat(ProgressBars.shortLabel("phases.profiling.concurrency=8, datasets.main.prompts.isl.mean=128"))
                .isEqualTo("concurrency=8, mean=128");
        assertThat(ProgressBars.clock(3725)).isEqualTo("1:02:05");
        assertThat(ProgressBars.clock(59.6)).isEqualTo("1:00");
    }
}
