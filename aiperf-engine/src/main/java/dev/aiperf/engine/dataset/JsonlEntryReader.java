package dev.aiperf.engine.dataset;

import java.io.IOException;

/** The JSONL formats: one JSON object per non-blank line, parsed and validated by the format's {@link #entry}. */
abstract class JsonlEntryReader implements EntryReader {

    protected final DatasetFile file;
    private final JsonlLines lines;
    private long index;

    JsonlEntryReader(DatasetFile file) throws IOException {
        this.file = file;
        this.lines = new JsonlLines(file);
    }

    /** The format's reading of one line's object as the conversation at 0-based {@code index}. */
    abstract FileConversation entry(EntryFields fields, long index);

    /** The next line's object, or null at the end of the file. */
    protected EntryFields nextLine() throws IOException {
        if (!lines.next()) {
            return null;
        }
        return EntryFields.parseLine(lines.bytes(), lines.length(), file, lines.lineNumber());
    }

    /** Byte offset of the line {@link #nextLine()} returned last. */
    protected long lineOffset() {
        return lines.offset();
    }

    protected long nextIndex() {
        return index++;
    }

    @Override
    public FileConversation next() throws IOException {
        EntryFields f = nextLine();
        return f == null ? null : entry(f, nextIndex());
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
