package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A cell that fails is recorded in failed_runs and the sweep goes on with the next cell. */
class FailingCellsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aServerThatIsDownFailsEveryCellWithTheConnectionErrorAndTheSweepFinishes(@TempDir Path tmp)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AIPerfConfig config = ConfigLoader.loadString("""
                benchmark:
                  models: [m]
                  endpoint: {url: "http://127.0.0.1:%d", streaming: true}
                  dataset: {prompts: {isl: 16, osl: 4}}
                  phases: [{name: profiling, requests: 5, concurrency: 1}]
                  artifacts: {dir: %s}
                sweep: {parameters: {concurrency: [1, 2]}}
                """.formatted(port, tmp.toString().replace("\\", "/")), "down.yaml", Map.of());
        ProfileResult result;
        try (BenchmarkSession session = BenchmarkSession.open(config, SessionOptions.defaults(), new BenchmarkRun())) {
            result = session.runAll();
        }
        assertThat(result.allFailed()).isTrue();
        assertThat(result.failedRuns()).hasSize(2);
        var status = JSON.readTree(tmp.resolve("concurrency_2/run_status.json").toFile());
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("error").asText()).contains("127.0.0.1:" + port);
        var sweep = JSON.readTree(tmp.resolve("sweep_aggregate/profile_export_aiperf_sweep.json").toFile());
        assertThat(sweep.get("failed_runs")).hasSize(2);
    }

    @Test
    void aCellWhoseOverridesMakeTheConfigInvalidFailsAloneAndTheOthersRun(@TempDir Path tmp) throws IOException {
        AIPerfConfig config = ConfigLoader.loadString("""
                benchmark:
                  endpoint: {streaming: true}
                  dataset: {prompts: {isl: 16, osl: 4}}
                  phases: [{name: profiling, requests: 5, concurrency: 1}]
                  artifacts: {dir: %s}
                sweep: {parameters: {concurrency: [1, -3, 2]}}
                """.formatted(tmp.toString().replace("\\", "/")), "bad-cell.yaml", Map.of());
        ProfileResult result;
        try (BenchmarkSession session = BenchmarkSession.open(config,
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(MockServerConfig.fast())), new BenchmarkRun())) {
            result = session.runAll();
        }
        assertThat(result.cells()).hasSize(3);
        assertThat(result.failedRuns()).hasSize(1);
        assertThat(result.failedRuns().get(0).error()).startsWith("invalid config after sweep overrides")
                .contains("concurrency");
        assertThat(result.cells().stream().filter(CellResult::succeeded).count()).isEqualTo(2);
        var sweep = JSON.readTree(tmp.resolve("sweep_aggregate/profile_export_aiperf_sweep.json").toFile());
        assertThat(sweep.get("failed_runs")).hasSize(1);
        assertThat(sweep.get("per_combination_metrics").size()).isGreaterThanOrEqualTo(2);
    }
}
