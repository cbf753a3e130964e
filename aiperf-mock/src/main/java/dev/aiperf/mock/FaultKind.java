package dev.aiperf.mock;

/** The faults the mock server can inject into a completion request. At most one fault applies to a request. */
public enum FaultKind {
    /** HTTP 429 with an OpenAI-style JSON error body. */
    HTTP_429,
    /** HTTP 500 with an OpenAI-style JSON error body. */
    HTTP_500,
    /** HTTP 503 with an OpenAI-style JSON error body. */
    HTTP_503,
    /** The connection is closed before any response byte. */
    DROP_BEFORE_HEADERS,
    /** The connection is closed after half the tokens (streaming) or half the body (non-streaming). */
    DROP_MID_STREAM,
    /** Half-way through the stream a {@code data:} line that is not valid JSON (non-streaming: a truncated body). */
    MALFORMED_SSE,
    /** After half the tokens no byte is written for {@link Faults#stallMs()} ms, then the stream continues. */
    STALL,
    /** The request starts {@link Faults#slowFirstByteMs()} ms late, delaying its first byte by that much. */
    SLOW_FIRST_BYTE;

    /** The name used on the command line and in docs, e.g. {@code drop_mid_stream}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
