package dev.aiperf.engine.report;

import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.stats.ConfidenceAggregator;
import dev.aiperf.engine.stats.MetricBlock;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.stats.SweepAggregator;
import dev.aiperf.engine.stats.SweepCell;
import dev.aiperf.engine.stats.SweepOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    private static RunSummary run(int c, int trial, double tput, double ttftP99) {
        RunInfo info = new RunInfo("b", "s", 42, trial, "trial_%04d".formatted(trial + 1), "concurrency=" + c, c,
                Map.of("phases.profiling.concurrency", c), null);
        return RunSummary.ok(info.runLabel(), info, Map.of(
                "request_throughput", new MetricBlock("requests/sec", Map.of("avg", tput)),
                "time_to_first_token", new MetricBlock("ms", Map.of("avg", ttftP99 / 2, "p99", ttftP99))));
    }

    private static SweepCell cell(int c, double... tput) {
        List<RunSummary> runs = new ArrayList<>();
        for (int t = 0; t < tput.length; t++) {
            runs.add(run(c, t, tput[t], 10.0 * c));
        }
        return new SweepCell("concurrency=" + c, Map.of("phases.profiling.concurrency", c), null, runs);
    }

    @Test
    void sweepShowsMeanHalfWidthCvAndFlagsNoisyCells() {
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(List.of(
                cell(1, 100, 101, 99), cell(2, 100, 200, 150)));
        String text = ConsoleReport.sweep(a);
        // cell 1: mean 100, se 1/sqrt(3), t(0.975, 2) 4.3027 -> half width 2.48
        assertThat(text).containsPattern("request_throughput_avg\\s+100\\.00 ± 2\\.48\\s+requests/sec\\s+CV 0\\.010");
        assertThat(text).contains("concurrency=2 (3/3 runs)");
        assertThat(text).containsOnlyOnce("! CV > 0.20 on request_throughput_avg: high variability - increase"
                + " multi_run.num_runs");
        assertThat(text).contains("best_throughput: concurrency=2 -> 150.00 requests/sec (request_throughput_avg)");
        assertThat(text).contains("best_latency_p99: concurrency=1 -> 10.00 ms (time_to_first_token_p99)");
        assertThat(text).contains("Pareto-optimal (request_throughput_avg up, time_to_first_token_p99 down):"
                + " concurrency=1; concurrency=2");
    }

    @Test
    void singleCellReport() {
        CellAggregate a = new ConfidenceAggregator(0.90).aggregate(List.of(run(1, 0, 10, 5), run(1, 1, 12, 5),
                RunSummary.failed("trial_0003", null, "Connection timeout")));
        String text = ConsoleReport.cell("Multi-run", a);
        assertThat(text).startsWith("Multi-run (2/3 runs ok, 90% CI)");
        assertThat(text).contains("failed trial_0003: Connection timeout");
        assertThat(text).contains("time_to_first_token_p99").doesNotContain("! CV");
    }
}
