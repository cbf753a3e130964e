package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental parser of an OpenAI-style {@code text/event-stream} body, fed the bytes as they arrive.
 *
 * <p>Byte-oriented: a line or a multi-byte UTF-8 character split across chunks is reassembled before it is
 * decoded, so chunk boundaries never corrupt text. Lines end with {@code \n}, {@code \r\n} or {@code \r}; a
 * blank line ends an event. A line starting with {@code :} is a comment; a line without a colon is a field
 * with an empty value; one space after the colon is dropped. Only {@code data} fields matter; several
 * {@code data} lines of one event are joined with {@code \n}. Empty payloads and {@code [DONE]} are ignored.
 *
 * <p>An event is a <em>content response</em> when {@code choices[0]} carries non-empty {@code delta.content},
 * {@code delta.reasoning_content}/{@code delta.reasoning} or (completions) {@code text}; role-only deltas,
 * empty deltas and usage-only chunks ({@code choices: []}) are not. A content response is timestamped with the
 * arrival time of the chunk that held the first byte of its event. A malformed event is recorded as a
 * {@code malformed_response} error and skipped; the responses around it keep their timestamps.
 *
 * <p>Not thread-safe: one parser per response, fed from the thread that reads the body.
 */
public final class SseParser {

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};
    private static final byte[] NEWLINE = {'\n'};

    private final ResponseCollector out;

    /** The current line when it started in an earlier chunk. */
    private byte[] partial = new byte[256];
    private int partialLen;
    /** The current event's data field values. */
    private byte[] data = new byte[512];
    private int dataLen;
    private boolean hasData;
    private boolean inEvent;
    private long eventStartNanos;
    /** The previous chunk ended with {@code \r}: a leading {@code \n} belongs to that line ending. */
    private boolean skipLf;
    private boolean done;
    /** Scratch copy of direct (off-heap) buffers. */
    private byte[] scratch;

    public SseParser() {
        this(new ResponseCollector());
    }

    SseParser(ResponseCollector out) {
        this.out = out;
    }

    /** Consumes all remaining bytes of {@code chunk}, which arrived at {@code arrivalNanos}. */
    public void feed(ByteBuffer chunk, long arrivalNanos) {
        int n = chunk.remaining();
        if (n == 0) {
            return;
        }
        if (chunk.hasArray()) {
            int off = chunk.arrayOffset() + chunk.position();
            chunk.position(chunk.limit());
            feed(chunk.array(), off, n, arrivalNanos);
        } else {
            if (scratch == null || scratch.length < n) {
                scratch = new byte[Math.max(n, 4096)];
            }
            chunk.get(scratch, 0, n);
            feed(scratch, 0, n, arrivalNanos);
        }
    }

    /** Consumes {@code buf[off, off+len)}, which arrived at {@code arrivalNanos}. */
    public void feed(byte[] buf, int off, int len, long arrivalNanos) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (skipLf) {
                skipLf = false;
                if (buf[i] == '\n') {
                    i++;
                    continue;
                }
            }
            if (!inEvent) {
                inEvent = true;
                eventStartNanos = arrivalNanos;
            }
            int j = i;
            while (j < end && buf[j] != '\n' && buf[j] != '\r') {
                j++;
            }
            if (j == end) {
                appendPartial(buf, i, j - i);
                return;
            }
            if (partialLen > 0) {
                appendPartial(buf, i, j - i);
                int n = partialLen;
                partialLen = 0;
                line(partial, 0, n);
            } else {
                line(buf, i, j - i);
            }
            if (buf[j] == '\r') {
                skipLf = true;
            }
            i = j + 1;
        }
    }

    /** The body ended: an unterminated last line and event are processed as if a blank line followed. */
    public void finish() {
        if (partialLen > 0) {
            int n = partialLen;
            partialLen = 0;
            line(partial, 0, n);
        }
        dispatch();
        inEvent = false;
    }

    private void line(byte[] b, int off, int len) {
        if (len == 0) {
            dispatch();
            inEvent = false;
            return;
        }
        if (b[off] == ':') {
            return;
        }
        int end = off + len;
        int colon = off;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        if (!regionEquals(b, off, colon - off, DATA)) {
            return; // event, id, retry and unknown fields do not affect measurement
        }
        int v = colon;
        if (v < end) {
            v++;
            if (v < end && b[v] == ' ') {
                v++;
            }
        }
        if (hasData) {
            appendData(NEWLINE, 0, 1);
        }
        appendData(b, v, end - v);
        hasData = true;
    }

    private void dispatch() {
        if (!hasData) {
            return;
        }
        hasData = false;
        int n = dataLen;
        dataLen = 0;
        if (n == 0) {
            return;
        }
        if (regionEquals(data, 0, n, DONE)) {
            done = true;
            return;
        }
        PayloadReader.read(data, 0, n, eventStartNanos, out, false);
    }

    private void appendPartial(byte[] b, int off, int len) {
        if (partialLen + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + len));
        }
        System.arraycopy(b, off, partial, partialLen, len);
        partialLen += len;
    }

    private void appendData(byte[] b, int off, int len) {
        if (dataLen + len > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLen + len));
        }
        System.arraycopy(b, off, data, dataLen, len);
        dataLen += len;
    }

    private static boolean regionEquals(byte[] b, int off, int len, byte[] expected) {
        if (len != expected.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[off + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** Arrival times of the content responses so far, in order. */
    public long[] responseTimes() {
        return out.responseTimes();
    }

    /** Number of content responses so far. */
    public int responseCount() {
        return out.responseCount();
    }

    /** Output and reasoning text received so far. */
    public CharSequence outputText() {
        return out.text;
    }

    /** The last {@code usage} block received, or {@code null}. */
    public Usage usage() {
        return out.usage;
    }

    /** The {@code mock_timing} object received, or {@code null}. */
    public ServerTiming serverTiming() {
        return out.serverTiming;
    }

    /** The first malformed event, as a {@code malformed_response} error, or {@code null}. */
    public RequestError parseError() {
        return out.parseError;
    }

    /** The message of an {@code error} object the stream carried, or {@code null}. */
    public String serverErrorMessage() {
        return out.serverErrorMessage;
    }

    /** True once {@code data: [DONE]} was seen. */
    public boolean done() {
        return done;
    }
}
