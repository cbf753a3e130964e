package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.plan.RunInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes of the aggregate files for a small fixed input. A change here is a change of the file
 * format that readers of AIPerf's artifacts see; update the golden files only on purpose.
 */
class GoldenFilesTest {

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RunSummary run(int concurrency, int trial, double tput, double ttftAvg, double ttftP99) {
        Map<String, Object> values = Map.of("phases.profiling.concurrency", concurrency);
        RunInfo info = new RunInfo("bench", "sweep", 42, trial, "trial_%04d".formatted(trial + 1),
                "phases.profiling.concurrency=" + concurrency, concurrency / 10, values, null);
        Map<String, MetricBlock> m = new LinkedHashMap<>();
        m.put("request_throughput", new MetricBlock("requests/sec", Map.of("avg", tput)));
        Map<String, Double> ttft = new LinkedHashMap<>();
        ttft.put("avg", ttftAvg);
        ttft.put("p99", ttftP99);
        m.put("time_to_first_token", new MetricBlock("ms", ttft));
        return RunSummary.ok(info.runLabel(), info, m);
    }

    private static List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>();
        cells.add(new SweepCell("phases.profiling.concurrency=10", Map.of("phases.profiling.concurrency", 10),
                "concurrency_10", List.of(run(10, 0, 100.0, 50.0, 90.0), run(10, 1, 104.0, 52.0, 94.0),
                RunSummary.failed("trial_0003", null, "Connection timeout"))));
        cells.add(new SweepCell("phases.profiling.concurrency=20", Map.of("phases.profiling.concurrency", 20),
                "concurrency_20", List.of(run(20, 0, 180.0, 80.0, 130.0), run(20, 1, 176.0, 84.0, 150.0))));
        return cells;
    }

    @Test
    void cellAggregate() throws IOException {
        CellAggregate a = new ConfidenceAggregator(0.95).aggregate(cells().get(0).runs());
        CellMetadata md = new CellMetadata(5.0, "phases.profiling.concurrency=10",
                Map.of("phases.profiling.concurrency", 10), "repeated", "test-model");
        assertThat(CellAggregateWriter.json(a, md)).isEqualTo(golden("cell_aggregate.json"));
        assertThat(CellAggregateWriter.csv(a, md)).isEqualTo(golden("cell_aggregate.csv"));
    }

    @Test
    void sweepAggregate() throws IOException {
        SweepAggregate a = new SweepAggregator(new SweepOptions(0.95, "repeated",
                List.of(SlaRule.parse("time_to_first_token:p99:lt:200")), null)).aggregate(cells());
        assertThat(SweepAggregateWriter.json(a)).isEqualTo(golden("sweep_aggregate.json"));
        assertThat(SweepAggregateWriter.csv(a)).isEqualTo(golden("sweep_aggregate.csv"));
    }
}
