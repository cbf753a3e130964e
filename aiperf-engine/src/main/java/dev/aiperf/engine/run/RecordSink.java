package dev.aiperf.engine.run;

import dev.aiperf.engine.client.RequestRecord;

/** Receives each finished request, from client threads; implementations must be thread-safe and fast. */
@FunctionalInterface
public interface RecordSink {
    void accept(RequestRecord record);
}
