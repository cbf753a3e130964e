package dev.aiperf.junit;

import dev.aiperf.engine.mock.MockServer;
import dev.aiperf.engine.mock.MockServerConfig;
import dev.aiperf.engine.orchestrate.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTest {

    static final List<CellResult> CELLS = new CopyOnWriteArrayList<>();

    static class External {
        @BenchmarkTest(requestCount = 10, concurrency = 2, isl = 16, osl = 4)
        void first(CellResult cell) {
            CELLS.add(cell);
        }

        @BenchmarkTest(requestCount = 5, isl = 16, osl = 4)
        void second(CellResult cell) {
            CELLS.add(cell);
        }
    }

    @TempDir
    Path artifacts;

    @Test
    void theUrlAndModelParametersReplaceTheEmbeddedServer() {
        CELLS.clear();
        try (MockServer server = MockServer.start(MockServerConfig.fast().withModels(List.of("served-model")))) {
            EngineExecutionResults results = Kit.run(External.class, artifacts, Map.of(
                    AIPerfExtension.URL_PARAMETER, server.baseUrl().toString(),
                    AIPerfExtension.MODEL_PARAMETER, "served-model"));

            assertThat(Kit.failures(results.allEvents())).isEmpty();
            results.testEvents().assertStatistics(s -> s.succeeded(2));
            // Every request of both methods reached this server (it accepts only served-model).
            assertThat(server.completionRequests()).isEqualTo(15);
        }
        assertThat(CELLS).allSatisfy(c -> AIPerfAssertions.assertThat(c).hasNoFailedRuns());
    }
}
