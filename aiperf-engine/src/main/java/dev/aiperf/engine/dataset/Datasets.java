package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;

/** The one place that turns a dataset configuration into the conversations a run sends. */
public final class Datasets {

    /** Longest wait for a file source's read-ahead to fill before a run may start sending. */
    private static final long READY_TIMEOUT_MILLIS = 10_000;

    private Datasets() {
    }

    /**
     * The conversations of {@code config}: synthetic prompts (single-turn, or conversations when {@code turns} or
     * {@code turn_delay} is set), or a dataset file streamed from disk.
     *
     * @param replayOnce for a file: end at its last entry (a trace replayed on a fixed schedule) instead of starting
     *                   over. A file source is returned with its read-ahead filled, so the run's first requests do not
     *                   wait for the reader to warm up
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
        PrefetchingSource source = DatasetFiles.open(config, tokenizer, endpointType, seed, replayOnce);
        try {
            if (replayOnce) {
                requireSchedule(source.summary());
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        source.awaitFilled(READY_TIMEOUT_MILLIS);
        return source;
    }

    /**
     * The first conversations of {@code config} as a run sends them, for {@code inputs.json}; a file is read from its
     * start without a second validating scan.
     */
    public static ConversationSource preview(DatasetConfig config, EndpointType endpointType, long seed,
            Tokenizer tokenizer) {
        if (config.type() == DatasetType.SYNTHETIC) {
            return open(config, endpointType, seed, tokenizer, false);
        }
        return DatasetFiles.preview(config, tokenizer, endpointType, seed);
    }

    /** A fixed schedule needs every conversation timed, in time order (entries are sent in file order). */
    private static void requireSchedule(DatasetFileSummary summary) {
        summary.requireTimed();
        if (!summary.sortedByTimestamp()) {
            throw new ConfigException(summary.path() + ": timestamp: entries are not in time order; a fixed schedule"
                    + " sends them in file order at their timestamps, so sort the file by timestamp first (e.g. jq -c"
                    + " -s 'sort_by(.timestamp)[]' FILE > sorted.jsonl)");
        }
    }
}
