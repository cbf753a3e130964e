package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparisonResult;
import dev.aiperf.engine.compare.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A comparison writes the candidate's report with its verdicts: each row's means, delta and Welch p-value. */
class CompareReportTest {

    @TempDir
    Path tmp;

    @Test
    void theComparisonsReportCarriesEveryRowWithItsPValue() throws IOException {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98).cell(20, 90.0, 150, 152, 148);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133).cell(20, 90.0, 151, 149, 150);

        ComparisonResult result = AIPerf.compare(tmp.resolve("base"), tmp.resolve("cand"), CompareOptions.defaults(),
                tmp.resolve("out"));

        Path html = tmp.resolve("out/report.html");
        assertThat(result.files()).contains(html, tmp.resolve("out/compare_delta.svg"));
        JsonNode compare = ReportPage.data(html).path("compare");
        assertThat(compare.path("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(compare.path("rows")).hasSize(12);
        JsonNode regressed = null;
        for (JsonNode row : compare.path("rows")) {
            if (row.path("verdict").asText().equals("REGRESSION")) {
                regressed = row;
            }
        }
        assertThat(regressed).isNotNull();
        assertThat(regressed.path("cell").asText()).isEqualTo("concurrency=10");
        assertThat(regressed.path("metric").asText()).isEqualTo("request_latency_p99");
        assertThat(regressed.path("baseline").asDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(regressed.path("candidate").asDouble()).isCloseTo(130.333, within(1e-3));
        assertThat(regressed.path("delta_percent").asDouble()).isCloseTo(30.333, within(1e-3));
        assertThat(regressed.path("p_value").asDouble()).isBetween(0.0, 0.05);
        assertThat(result.markdown()).contains("| +30.3% | " + String.format(java.util.Locale.ROOT, "%.4f",
                regressed.path("p_value").asDouble()));
    }
}
