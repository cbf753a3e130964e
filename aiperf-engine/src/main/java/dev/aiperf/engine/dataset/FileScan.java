package dev.aiperf.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * One streaming pass over a dataset file that validates every entry (so bad input fails before anything is sent)
 * and counts what a run needs to know. For {@code random_pool} it also records where each entry's line starts, the
 * index that lets {@link RandomPoolSource} read any line again without holding the texts.
 */
final class FileScan {

    private final DatasetFile file;
    private long conversations;
    private long requests;
    private boolean allTimed = true;
    private int firstUntimedLine;
    private boolean anyTimed;
    private double first = Double.NaN;
    private double last = Double.NaN;
    private double lastStart = Double.NEGATIVE_INFINITY;
    private boolean sorted = true;
    private boolean multiTurn;
    private long[] offsets;
    private int[] lines;

    private FileScan(DatasetFile file, boolean index) {
        this.file = file;
        if (index) {
            offsets = new long[1024];
            lines = new int[1024];
        }
    }

    /** The result of a scan: its summary, and the line index when one was asked for. */
    record Result(DatasetFileSummary summary, long[] offsets, int[] lines) {
    }

    static Result run(DatasetFile file, boolean index) {
        long t0 = System.nanoTime();
        FileScan scan = new FileScan(file, index);
        long skipped;
        long bytes;
        try (EntryReader reader = EntryReader.open(file)) {
            FileConversation c;
            while ((c = reader.next()) != null) {
                scan.add(c);
                if (index) {
                    scan.indexLine(((JsonlEntryReader) reader).lineOffset(), c.line());
                }
            }
            skipped = reader.skipped();
            bytes = Files.size(file.path());
        } catch (IOException e) {
            throw file.unreadable(e);
        }
        if (scan.conversations == 0) {
            throw file.error(skipped > 0
                    ? "has no conversation with a human message (" + skipped + " skipped); nothing to send"
                    : "has no entries; " + DatasetFiles.expectedLayout(file.type()));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        DatasetFileSummary summary = new DatasetFileSummary(file.path(), file.type(), scan.conversations,
                scan.requests, skipped, scan.allTimed, scan.firstUntimedLine, scan.anyTimed, scan.first, scan.last,
                scan.sorted, scan.multiTurn, bytes, millis);
        int n = (int) Math.min(scan.conversations, Integer.MAX_VALUE);
        return new Result(summary, index ? Arrays.copyOf(scan.offsets, n) : null,
                index ? Arrays.copyOf(scan.lines, n) : null);
    }

    private void add(FileConversation c) {
        conversations++;
        requests += c.turns().size();
        multiTurn |= c.turns().size() > 1;
        FileTurn start = c.turns().get(0);
        if (!start.timed() && allTimed) {
            allTimed = false;
            firstUntimedLine = c.line();
        }
        if (start.timed()) {
            sorted &= start.timestampMillis() >= lastStart;
            lastStart = start.timestampMillis();
        }
        for (FileTurn t : c.turns()) {
            if (t.timed()) {
                anyTimed = true;
                double ts = t.timestampMillis();
                first = Double.isNaN(first) ? ts : Math.min(first, ts);
                last = Double.isNaN(last) ? ts : Math.max(last, ts);
            }
        }
    }

    private void indexLine(long offset, int line) {
        int i = (int) conversations - 1;
        if (conversations > Integer.MAX_VALUE - 8) {
            throw file.error("has more than " + (Integer.MAX_VALUE - 8) + " entries; random_pool indexes at most that");
        }
        if (i == offsets.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, offsets.length + (long) (offsets.length >> 1));
            offsets = Arrays.copyOf(offsets, grown);
            lines = Arrays.copyOf(lines, grown);
        }
        offsets[i] = offset;
        lines[i] = line;
    }
}
