package dev.aiperf.engine.client;

/**
 * A request that has been handed to the transport. Its {@link dev.aiperf.engine.client.RequestRecord} reaches
 * the completion callback exactly once, whatever happens.
 */
public sealed interface InFlightRequest permits Exchange {

    /** The request's index within the run. */
    long index();

    /** Monotonic time the schedule wanted it sent; equals {@link #startNanos()} when not scheduled. */
    long intendedStartNanos();

    /** Monotonic time taken just before the request was handed to the connection. */
    long startNanos();

    /** Aborts the request; its record carries a {@code cancelled} error. No effect once it has finished. */
    void cancel();

    /**
     * Aborts the request on purpose, as a client that gives up would ({@code request_cancellation}); its record
     * carries a {@code request_cancelled} error. No effect once it has finished.
     */
    void abandon();
}
