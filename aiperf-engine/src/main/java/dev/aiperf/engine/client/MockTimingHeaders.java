package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import org.eclipse.jetty.http.HttpFields;

/**
 * The mock server's account of a non-streamed request, from response headers {@code x-mock-queue-wait-ms},
 * {@code x-mock-ttft-ms}, {@code x-mock-itl-ms}, {@code x-mock-latency-ms} and {@code x-mock-tokens}.
 * (Streamed responses carry the same values in a {@code mock_timing} object of their last event.)
 */
final class MockTimingHeaders {

    static final String QUEUE_WAIT_MS = "x-mock-queue-wait-ms";
    static final String TTFT_MS = "x-mock-ttft-ms";
    static final String ITL_MS = "x-mock-itl-ms";
    static final String LATENCY_MS = "x-mock-latency-ms";
    static final String TOKENS = "x-mock-tokens";

    private MockTimingHeaders() {
    }

    /** The timing the headers carry, or {@code null} when the server sent none (any real server). */
    static ServerTiming read(HttpFields headers) {
        String latency = headers.get(LATENCY_MS);
        String ttft = headers.get(TTFT_MS);
        if (latency == null && ttft == null) {
            return null;
        }
        return new ServerTiming(number(headers.get(QUEUE_WAIT_MS)), number(ttft), number(headers.get(ITL_MS)),
                number(latency), (int) number(headers.get(TOKENS)));
    }

    private static double number(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
