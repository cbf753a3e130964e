package dev.aiperf.engine.dataset;

import java.io.Closeable;
import java.io.IOException;

/** One dataset file format read in file order, one entry in memory at a time. One reader per format. */
interface EntryReader extends Closeable {

    /**
     * The next conversation of the file, validated, or {@code null} at the end of the file.
     *
     * @throws dev.aiperf.engine.api.model.ConfigException naming file, line and field when an entry is invalid
     */
    FileConversation next() throws IOException;

    /** Entries passed over because they hold nothing to send (ShareGPT conversations without a human message). */
    default long skipped() {
        return 0;
    }

    /** The reader of {@code file}'s format. */
    static EntryReader open(DatasetFile file) throws IOException {
        return switch (file.type()) {
            case SINGLE_TURN, RANDOM_POOL -> new SingleTurnReader(file);
            case MULTI_TURN -> new MultiTurnReader(file);
            case MOONCAKE_TRACE -> new MooncakeTraceReader(file);
            case SHAREGPT -> new ShareGptReader(file);
            case SYNTHETIC -> throw new IllegalArgumentException("synthetic datasets have no file");
        };
    }
}
