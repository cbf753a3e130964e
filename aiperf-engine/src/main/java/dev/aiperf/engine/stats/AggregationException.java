package dev.aiperf.engine.stats;

/**
 * The runs at hand cannot be aggregated (e.g. every run failed). Not a bug and not bad config: the message
 * says what happened and what to look at; front-ends print it without a stack trace.
 */
public final class AggregationException extends RuntimeException {
    public AggregationException(String message) {
        super(message);
    }
}
