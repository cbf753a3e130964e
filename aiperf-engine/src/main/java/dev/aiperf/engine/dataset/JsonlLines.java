package dev.aiperf.engine.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The non-blank lines of a JSONL file, streamed: one line's bytes in memory at a time, with its 1-based line number
 * and byte offset (the offset is what {@link RandomPoolSource} indexes to read a line again without re-reading the
 * file). Bytes, not characters, because offsets must be byte positions and Jackson parses UTF-8 bytes directly.
 */
final class JsonlLines implements Closeable {

    /** A line longer than this is not JSONL (a minified JSON document, a binary file): fail instead of buffering it. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final InputStream in;
    private final DatasetFile file;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    private long chunkOffset;
    private byte[] line = new byte[1 << 12];
    private int lineLen;
    private long lineOffset;
    private int lineNumber;
    private int physicalLines;

    JsonlLines(DatasetFile file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file.path());
    }

    /** Advances to the next line with content; false at the end of the file. */
    boolean next() throws IOException {
        while (readLine()) {
            if (!blank()) {
                return true;
            }
        }
        return false;
    }

    /** 1-based number of the current line in the file, blank lines included. */
    int lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the current line's first byte. */
    long offset() {
        return lineOffset;
    }

    /** The current line's bytes, valid until {@link #next()}; {@link #length()} of them, without the line break. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLen;
    }

    private boolean readLine() throws IOException {
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkOffset += chunkLen;
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (any) {
                        lineNumber = ++physicalLines;
                    }
                    return any;
                }
            }
            if (!any) {
                any = true;
                lineOffset = chunkOffset + chunkPos;
            }
            int start = chunkPos;
            int end = start;
            while (end < chunkLen && chunk[end] != '\n') {
                end++;
            }
            append(start, end - start);
            chunkPos = end;
            if (end < chunkLen) {
                chunkPos++;
                lineNumber = ++physicalLines;
                if (lineLen > 0 && line[lineLen - 1] == '\r') {
                    lineLen--;
                }
                return true;
            }
        }
    }

    private void append(int from, int n) {
        if (lineLen + n > line.length) {
            if ((long) lineLen + n > MAX_LINE_BYTES) {
                throw file.error(physicalLines + 1, null, "a line longer than " + (MAX_LINE_BYTES >> 20)
                        + " MiB: a JSONL file has one JSON object per line (is this a JSON document or a binary file?)");
            }
            line = Arrays.copyOf(line, Math.max(lineLen + n, Math.min(MAX_LINE_BYTES, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, lineLen, n);
        lineLen += n;
    }

    private boolean blank() {
        for (int i = 0; i < lineLen; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
