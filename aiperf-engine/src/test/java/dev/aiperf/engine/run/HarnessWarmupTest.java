package dev.aiperf.engine.run;

import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.orchestrate.HarnessWarmup;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessWarmupTest {

    @Test
    void warmsEachShapeOnceAndNeverContactsTheServerUnderTest() {
        try (MockServer underTest = MockServer.start(MockServerConfig.fast())) {
            // A shape no other test uses (server token counts, completions, streaming), so this JVM has not warmed it.
            EndpointConfig endpoint = new EndpointConfig(List.of(underTest.baseUrl() + "/v1/completions"),
                    EndpointType.COMPLETIONS, true, "sk-secret", Map.of(), 5, true, false);
            HarnessWarmup warmup = new HarnessWarmup(50);

            assertThat(warmup.ensure(endpoint, Tokenizers.forName("cl100k_base"))).isTrue();
            assertThat(warmup.ensure(endpoint, Tokenizers.forName("cl100k_base"))).as("second time: already warm")
                    .isFalse();
            assertThat(underTest.requestsServed()).isZero();
        }
    }

    @Test
    void offSendsNothingAndNegativeCountsAreRefused() {
        EndpointConfig unreachable = new EndpointConfig(List.of("http://127.0.0.1:1/v1/embeddings"),
                EndpointType.EMBEDDINGS, false, null, Map.of(), 5, true, false);
        assertThat(HarnessWarmup.OFF.ensure(unreachable, Tokenizers.forName("cl100k_base"))).isFalse();
        assertThatThrownBy(() -> new HarnessWarmup(-1)).hasMessageContaining("0 (off) or more");
    }
}
