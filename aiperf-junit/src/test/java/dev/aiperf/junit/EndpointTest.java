package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @MockServerSettings(latency = MockServerSettings.Latency.OPEN_LOOP, ttftMs = 1, itlMs = 0.5)
    static class Embedded {
        @BenchmarkTest(requestCount = 5, isl = 16, osl = 4)
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
    void withoutAUrlBothMethodsOfAClassShareOneEmbeddedServer() throws Exception {
        CELLS.clear();
        EngineExecutionResults results = Kit.run(Embedded.class, artifacts);

        assertThat(Kit.failures(results.allEvents())).isEmpty();
        Pattern url = Pattern.compile("\"urls\" : \\[ \"(http://127\\.0\\.0\\.1:\\d+)\" \\]");
        List<String> urls = new java.util.ArrayList<>();
        for (CellResult c : CELLS) {
            Matcher m = url.matcher(Files.readString(c.runDirs().get(0).resolve("profile_export_aiperf.json")));
            assertThat(m.find()).isTrue();
            urls.add(m.group(1));
        }
        assertThat(urls).hasSize(2).containsOnly(urls.get(0));
    }

    @Test
    void theUrlAndModelParametersReplaceTheEmbeddedServer() {
        CELLS.clear();
        try (dev.aiperf.mock.MockServer server = dev.aiperf.mock.MockServer.start(MockServerConfig.fast().withModels(List.of("served-model")))) {
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
