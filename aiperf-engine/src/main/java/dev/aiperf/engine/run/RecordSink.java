package dev.aiperf.engine.run;

import dev.aiperf.engine.metrics.RequestRecord;

/** Receives each finished request, from client threads; implementations must be thread-safe and fast. */
@FunctionalInterface
public interface RecordSink {
    void accept(RequestRecord record);
}
