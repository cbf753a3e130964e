package dev.aiperf.junit;

import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The engine's mock server settings described by a class's {@link MockServerSettings} annotation. */
final class MockServers {

    private MockServers() {
    }

    /** {@code annotation} may be null: the engine's defaults. */
    static MockServerConfig config(MockServerSettings annotation, String where) {
        if (annotation == null) {
            return MockServerConfig.defaults();
        }
        MockServerConfig base = switch (annotation.latency()) {
            case BATCHING -> MockServerConfig.defaults();
            case FAST -> MockServerConfig.fast();
            case OPEN_LOOP -> MockServerConfig.defaults()
                    .withLatency(new LatencyMode.OpenLoop(annotation.ttftMs(), annotation.itlMs()));
            case ZERO_LATENCY -> MockServerConfig.zeroLatency();
        };
        if (base.latency() instanceof LatencyMode.Batching b) {
            base = base.withLatency(new LatencyMode.Batching(
                    annotation.maxBatch() == -1 ? b.maxBatch() : annotation.maxBatch(),
                    annotation.stepBaseMs() == -1 ? b.stepBaseMs() : annotation.stepBaseMs(),
                    annotation.stepPerSeqMs() == -1 ? b.stepPerSeqMs() : annotation.stepPerSeqMs(),
                    b.prefillMsPerToken(), b.prefillChunkTokens(), b.kvCacheTokens()));
        } else if (annotation.maxBatch() != -1 || annotation.stepBaseMs() != -1 || annotation.stepPerSeqMs() != -1) {
            throw new ExtensionConfigurationException(where + ": @MockServerSettings(latency = " + annotation.latency()
                    + ") has no batch; maxBatch, stepBaseMs and stepPerSeqMs apply to BATCHING and FAST only");
        }
        return base.withSeed(annotation.seed());
    }
}
