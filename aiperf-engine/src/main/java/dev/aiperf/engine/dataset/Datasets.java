package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;

/** The one place that turns a dataset configuration into the conversations a run sends. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * The conversations of {@code config}: synthetic prompts (single-turn, or conversations when {@code turns} or
     * {@code turn_delay} is set), or a dataset file streamed from disk.
     *
     * @param replayOnce for a file: end at its last entry (a trace replayed on a fixed schedule) instead of starting
     *                   over
     * @throws dev.aiperf.engine.api.model.ConfigException when the dataset cannot be read or generated as configured
     */
    public static ConversationSource open(DatasetConfig config, EndpointType endpointType, long seed,
            Tokenizer tokenizer, boolean replayOnce) {
        if (config.type() == DatasetType.SYNTHETIC) {
            SyntheticDataset dataset = new SyntheticDataset(config, endpointType, seed, tokenizer);
            if (config.multiTurn() || config.turnDelay() != null) {
                return new SyntheticConversations(dataset, config, seed);
            }
            return new PromptConversations(dataset);
        }
        throw new dev.aiperf.engine.api.model.ConfigException("benchmark.dataset.type: '" + config.type().yamlName()
                + "' files are not readable yet");
    }
}
