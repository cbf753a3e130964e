package dev.aiperf.engine.run;

import dev.aiperf.engine.client.InFlightRequest;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.dataset.Prompt;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the turns of one phase's conversations and keeps the send-side tallies: each request's index, the count
 * sent (so {@code requests} caps turns exactly), first and last send times, schedule lag, the prefill ceiling and
 * deliberate cancellation. A turn's response decides what follows: the conversation's next turn, due after its delay
 * (or a user's turn gap), goes through the {@link TurnScheduler}; a conversation that is over is handed back to the
 * phase. Called from the sending thread and from the turn scheduler's, so the tallies are kept under one lock.
 */
final class TurnSender {

    /** What the phase decides for its conversations. */
    interface Phase {
        /** Whether a started conversation may send its next turn now (not cancelled, cap not reached, in time). */
        boolean mayContinue();

        /** The conversation is over: its slot frees, or its user starts another. */
        void ended(Session session);

        /** The turn gap of a user-centric user, in nanoseconds. */
        long userGapNanos();
    }

    private final PhaseConfig config;
    private final long seed;
    private final OpenAiClient client;
    private final RecordSink sink;
    private final AtomicLong nextIndex;
    private final InFlightRequests inFlight;
    private final TurnScheduler turns;
    private final PrefillLimit prefill;
    private final Phase phase;
    private final ScheduleLagRecorder lag = new ScheduleLagRecorder();
    private final AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    private final Object lock = new Object();
    private volatile long sent;
    private long firstSendNanos;
    private long lastSendNanos;

    TurnSender(PhaseConfig config, long seed, OpenAiClient client, RecordSink sink, AtomicLong nextIndex,
            InFlightRequests inFlight, TurnScheduler turns, PrefillLimit prefill, Phase phase) {
        this.config = config;
        this.seed = seed;
        this.client = client;
        this.sink = sink;
        this.nextIndex = nextIndex;
        this.inFlight = inFlight;
        this.turns = turns;
        this.prefill = prefill;
        this.phase = phase;
    }

    long sent() {
        return sent;
    }

    boolean capReached() {
        return config.requests() != null && sent >= config.requests();
    }

    /** Sends the session's next turn now; ends the session when the phase no longer allows it. */
    void send(Session session, long intended) {
        if (!phase.mayContinue() || (prefill != null && !prefill.acquire())) {
            phase.ended(session);
            return;
        }
        Prompt prompt = session.nextPrompt();
        synchronized (lock) {
            if (capReached()) {
                if (prefill != null) {
                    prefill.release();
                }
                phase.ended(session);
                return;
            }
            long index = nextIndex.getAndIncrement();
            session.lastIntendedNanos = intended == OpenAiClient.UNSCHEDULED ? System.nanoTime() : intended;
            InFlightRequests.Slot slot = inFlight.register(index);
            InFlightRequest request = client.send(index, config.name(), config.excludeFromResults(), prompt, intended,
                    prefill == null ? null : prefill::release, record -> onRecord(session, index, record));
            slot.request = request;
            sent++;
            long start = request.startNanos();
            if (sent == 1) {
                firstSendNanos = start;
            }
            lastSendNanos = start;
            if (intended != OpenAiClient.UNSCHEDULED) {
                lag.record(start, intended);
            }
            PhaseConfig.Cancellation cancellation = config.cancellation();
            if (cancellation != null && RequestCancellation.chosen(seed, index, cancellation.ratePercent())) {
                turns.after((long) (cancellation.delaySeconds() * 1e9), request::abandon);
            }
        }
    }

    private void onRecord(Session session, long index, RequestRecord record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            sinkFailure.compareAndSet(null, e);
        } finally {
            boolean more = session.onResponse(record);
            if (!(more && phase.mayContinue() && scheduleNextTurn(session, record))) {
                session.abandon();
                phase.ended(session);
            }
            inFlight.complete(index, record);
        }
    }

    /** Queues the session's next turn; false when the phase is already over. */
    private boolean scheduleNextTurn(Session session, RequestRecord record) {
        // Counted as in flight before this request completes, so no drain sees the phase empty in between.
        inFlight.defer();
        boolean user = session.user >= 0;
        long due = user ? Math.max(session.lastIntendedNanos + phase.userGapNanos(), record.endNanos())
                : record.endNanos() + (long) (session.nextTurn().delayMillis() * 1e6);
        boolean scheduled = user || session.nextTurn().delayMillis() > 0;
        boolean queued = turns.at(due, () -> {
            try {
                send(session, scheduled ? due : OpenAiClient.UNSCHEDULED);
            } finally {
                inFlight.undefer();
            }
        });
        if (!queued) {
            inFlight.undefer();
        }
        return queued;
    }

    /** Requests per second between the first and the last send, or 0 with fewer than two. */
    double achievedRate() {
        synchronized (lock) {
            return sent >= 2 && lastSendNanos > firstSendNanos
                    ? (sent - 1) / ((lastSendNanos - firstSendNanos) / 1e9) : 0.0;
        }
    }

    PhaseResult.ScheduleLag lag() {
        return lag.result();
    }

    /** The first failure of the record sink, or {@code null}. */
    RuntimeException sinkFailure() {
        return sinkFailure.get();
    }
}
