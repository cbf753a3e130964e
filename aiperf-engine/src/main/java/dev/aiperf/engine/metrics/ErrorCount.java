package dev.aiperf.engine.metrics;

/**
 * How many requests of a run failed with one error type and code ({@code error_summary}).
 *
 * @param type    the error type, e.g. {@code http_error}, {@code timeout}
 * @param code    the HTTP status, or {@code null}
 * @param message the first message seen for this type and code
 * @param count   number of requests
 */
public record ErrorCount(String type, Integer code, String message, long count) {
}
