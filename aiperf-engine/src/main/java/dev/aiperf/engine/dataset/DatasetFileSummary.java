package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.DatasetType;

import java.nio.file.Path;

/**
 * What one validating pass over a dataset file found ({@link DatasetFiles#scan}).
 *
 * @param path                 the file as configured
 * @param type                 its format
 * @param conversations        conversations the file gives (single-turn formats: one per entry)
 * @param requests             turns over all conversations, i.e. requests sent by one pass over the file
 * @param skipped              entries passed over with nothing to send (ShareGPT conversations without a human
 *                             message); 0 for the other formats
 * @param allTimed             every conversation's first turn has a {@code timestamp}, so the file can be replayed
 *                             on a fixed schedule
 * @param firstUntimedLine     the line of the first conversation without a timestamp, 0 when all are timed
 * @param anyTimed             some turn has a {@code timestamp}
 * @param firstTimestampMillis the smallest timestamp of any turn, NaN when none is timed
 * @param lastTimestampMillis  the largest timestamp of any turn, NaN when none is timed
 * @param sortedByTimestamp    the timed conversations' start timestamps never decrease in file order (entries are
 *                             always sent in file order; a fixed schedule over an unsorted trace would send late)
 * @param multiTurn            some conversation has more than one turn
 * @param bytes                the file's size
 * @param scanMillis           how long the pass took
 */
public record DatasetFileSummary(Path path, DatasetType type, long conversations, long requests, long skipped,
                                 boolean allTimed, int firstUntimedLine, boolean anyTimed, double firstTimestampMillis,
                                 double lastTimestampMillis, boolean sortedByTimestamp, boolean multiTurn,
                                 long bytes, long scanMillis) {

    /** The trace's span from its first to its last timestamp, in milliseconds; 0 when untimed. */
    public double durationMillis() {
        return anyTimed ? lastTimestampMillis - firstTimestampMillis : 0;
    }

    /**
     * For a fixed schedule: checks that every conversation has a timestamp.
     *
     * @throws ConfigException naming the file and the first line without one
     */
    public void requireTimed() {
        if (!allTimed) {
            throw new ConfigException(path + ":" + firstUntimedLine + ": timestamp: missing: a fixed schedule sends"
                    + " each conversation at its timestamp (ms); give every entry one, or drop --fixed-schedule");
        }
    }
}
