package dev.aiperf.engine.client;

/** The {@code type} values the client writes into {@link dev.aiperf.engine.client.RequestRecord.RequestError}. */
public final class ErrorTypes {

    /** The server answered with HTTP status 400 or above; the code is the status. */
    public static final String HTTP_ERROR = "http_error";
    /** The per-request timeout expired before the response finished. */
    public static final String TIMEOUT = "timeout";
    /** Connection refused, reset, or closed before the response finished. */
    public static final String CONNECTION_ERROR = "connection_error";
    /** The response (or one SSE event of it) was not the JSON the endpoint type promises. */
    public static final String MALFORMED_RESPONSE = "malformed_response";
    /** A streamed response carried an {@code error} object instead of (or after) content. */
    public static final String STREAM_ERROR = "stream_error";
    /** The run cancelled the request (interrupted run, or still in flight when the grace period ended). */
    public static final String CANCELLED = "cancelled";
    /**
     * The client aborted the request on purpose ({@code request_cancellation}): counted as cancelled, not as an
     * error, and kept out of every latency statistic.
     */
    public static final String REQUEST_CANCELLED = "request_cancelled";
    /** Any other client-side failure (e.g. the request could not be built or queued). */
    public static final String CLIENT_ERROR = "client_error";

    private ErrorTypes() {
    }
}
