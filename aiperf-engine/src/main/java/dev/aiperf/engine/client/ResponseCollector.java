package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;

import java.util.Arrays;

/**
 * What one response body yielded so far: arrival times of content responses, the output text, the server's
 * usage and timing, and the first parse error. Mutable and confined to the thread reading the body.
 */
final class ResponseCollector {

    private long[] times = new long[32];
    private int count;
    final StringBuilder text = new StringBuilder(256);
    Usage usage;
    ServerTiming serverTiming;
    /** The server's error message from an {@code error} object, {@code message} or {@code detail} field. */
    String serverErrorMessage;
    /** The first parse failure, or {@code null}. */
    RequestError parseError;
    /** Reused for every payload of this response, so the fast path allocates nothing per event. */
    private JsonEventScanner scanner;

    JsonEventScanner scanner() {
        if (scanner == null) {
            scanner = new JsonEventScanner();
        }
        return scanner;
    }

    /** Run once when the first content response arrives; {@code null} when nobody asked. */
    Runnable onFirst;

    void addResponse(long nanos) {
        if (count == 0) {
            firstResponse();
        }
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = nanos;
    }

    /** Runs the first-response hook, at most once. */
    void firstResponse() {
        Runnable r = onFirst;
        if (r != null) {
            onFirst = null;
            r.run();
        }
    }

    int responseCount() {
        return count;
    }

    long[] responseTimes() {
        return Arrays.copyOf(times, count);
    }

    void parseError(String message) {
        if (parseError == null) {
            parseError = new RequestError(ErrorTypes.MALFORMED_RESPONSE, null, message);
        }
    }
}
