package dev.aiperf.engine.run;

import dev.aiperf.engine.client.InFlightRequest;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.PromptSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase being run: sends on the calling thread (closed loop gated by slots, open loop parked to each
 * intended time), then drains in-flight requests by the phase's stop rule.
 *
 * <p>The send loops stay in this class, whole: they share the sending thread's state (start time, count sent,
 * why sending stopped) and are the timing-critical path, so they read best side by side. What the loops use is
 * apart: {@link InFlightRequests} (the requests awaiting completion, and the drain), {@link ScheduleLagRecorder},
 * {@link ProgressTicker} and, checked before any phase starts, {@link PhaseValidation}.
 */
final class PhaseExecution {

    /** Longest single wait of the sending thread, so it notices the cancel flag and ramp steps promptly. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final PhaseConfig phase;
    private final long seed;
    private final OpenAiClient client;
    private final PromptSource prompts;
    private final RecordSink sink;
    private final AtomicLong nextIndex;
    private final AtomicBoolean cancel;
    private final ProgressListener progress;
    private final long cancelDrainNanos;
    private final long progressIntervalMillis;

    private final InFlightRequests inFlight;
    private final ScheduleLagRecorder lag = new ScheduleLagRecorder();
    private final AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    private ConcurrencyLimit limit;
    /** Written only by the sending thread; volatile so progress snapshots see it. */
    private volatile long sent;
    private long firstSendNanos;
    private long lastSendNanos;
    private long startNanos;
    private long sendEndNanos;
    private boolean interrupted;
    private boolean durationStopped;
    private ProgressTicker ticker;

    PhaseExecution(PhaseConfig phase, long seed, OpenAiClient client, PromptSource prompts, RecordSink sink,
            AtomicLong nextIndex, AtomicBoolean cancel, ProgressListener progress, long cancelDrainNanos,
            long progressIntervalMillis) {
        PhaseValidation.validate(phase);
        this.phase = phase;
        this.seed = seed;
        this.client = client;
        this.prompts = prompts;
        this.sink = sink;
        this.nextIndex = nextIndex;
        this.cancel = cancel;
        this.progress = progress;
        this.cancelDrainNanos = cancelDrainNanos;
        this.progressIntervalMillis = progressIntervalMillis;
        this.inFlight = new InFlightRequests(cancel);
    }

    /** Sends until the phase's stop rule says so (or the run is cancelled). */
    void send() {
        startNanos = System.nanoTime();
        progress.onPhaseStart(phase);
        ticker = ProgressTicker.start(phase.name(), progress, progressIntervalMillis, this::snapshot);
        Integer concurrency = phase.concurrency();
        if (phase.type().openLoop()) {
            if (concurrency != null) {
                limit = new ConcurrencyLimit(LinearRamp.slotsAt(phase.concurrencyRamp(), concurrency, 0));
            }
            openLoop();
        } else {
            int target = concurrency == null ? 1 : concurrency;
            limit = new ConcurrencyLimit(LinearRamp.slotsAt(phase.concurrencyRamp(), target, 0));
            closedLoop(target);
        }
        sendEndNanos = System.nanoTime();
    }

    private double elapsedSeconds(long now) {
        return (now - startNanos) / 1e9;
    }

    private boolean countReached() {
        return phase.requests() != null && sent >= phase.requests();
    }

    private boolean durationOver(long t) {
        if (phase.duration() != null && elapsedSeconds(t) > phase.duration()) {
            durationStopped = true;
            return true;
        }
        return false;
    }

    private void closedLoop(int target) {
        while (true) {
            if (cancel.get()) {
                interrupted = true;
                return;
            }
            long now = System.nanoTime();
            if (countReached() || durationOver(now)) {
                return;
            }
            double t = elapsedSeconds(now);
            limit.adjust(LinearRamp.slotsAt(phase.concurrencyRamp(), target, t));
            long wait = waitNanos(LinearRamp.secondsToNextSlot(phase.concurrencyRamp(), target, t), now);
            boolean acquired;
            try {
                acquired = limit.tryAcquire(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.set(true);
                continue;
            }
            if (!acquired) {
                continue;
            }
            if (durationOver(System.nanoTime()) || cancel.get()) {
                limit.release();
                continue;
            }
            sendOne(OpenAiClient.UNSCHEDULED);
        }
    }

    /** How long the sender may block: to the next ramp step or the end of the duration, at most a poll tick. */
    private long waitNanos(double secondsToRampStep, long now) {
        long wait = POLL_NANOS;
        if (secondsToRampStep < Double.POSITIVE_INFINITY) {
            wait = Math.min(wait, Math.max(1_000, (long) (secondsToRampStep * 1e9)));
        }
        if (phase.duration() != null) {
            long left = startNanos + (long) (phase.duration() * 1e9) - now;
            wait = Math.min(wait, Math.max(1_000, left));
        }
        return wait;
    }

    private void openLoop() {
        ArrivalSchedule schedule = new ArrivalSchedule(phase.type(), phase.rate(), phase.rateRamp(), phase.smoothness(),
                seed);
        Integer target = phase.concurrency();
        while (true) {
            if (countReached()) {
                return;
            }
            double at = schedule.next();
            if (phase.duration() != null && at > phase.duration()) {
                durationStopped = true;
                return;
            }
            long intended = startNanos + (long) (at * 1e9);
            if (!parkUntil(intended)) {
                interrupted = true;
                return;
            }
            if (limit != null) {
                limit.adjust(LinearRamp.slotsAt(phase.concurrencyRamp(), target, elapsedSeconds(System.nanoTime())));
                if (!acquireSlot(target)) {
                    if (cancel.get()) {
                        interrupted = true;
                    }
                    return;
                }
            }
            sendOne(intended);
        }
    }

    /** Parks the sending thread until {@code deadline}; false if the run was cancelled meanwhile. */
    private boolean parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (cancel.get()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
        }
        return !cancel.get();
    }

    /** Waits for a free slot under the ceiling; false when cancelled or the duration ended first. */
    private boolean acquireSlot(int target) {
        while (true) {
            if (cancel.get()) {
                return false;
            }
            long now = System.nanoTime();
            if (durationOver(now)) {
                return false;
            }
            double t = elapsedSeconds(now);
            limit.adjust(LinearRamp.slotsAt(phase.concurrencyRamp(), target, t));
            try {
                if (limit.tryAcquire(waitNanos(LinearRamp.secondsToNextSlot(phase.concurrencyRamp(), target, t), now),
                        TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.set(true);
            }
        }
    }

    private void sendOne(long intended) {
        long index = nextIndex.getAndIncrement();
        Prompt prompt = prompts.promptFor(index);
        InFlightRequests.Slot slot = inFlight.register(index);
        InFlightRequest request = client.send(index, phase.name(), phase.excludeFromResults(), prompt, intended,
                record -> onRecord(index, record));
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
    }

    private void onRecord(long index, RequestRecord record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            sinkFailure.compareAndSet(null, e);
        } finally {
            if (limit != null) {
                limit.release();
            }
            inFlight.complete(index, record);
        }
    }

    /** Waits for in-flight requests by the phase's stop rule, cancels what is left, and reports. */
    PhaseResult drain() {
        if (interrupted || cancel.get()) {
            interrupted = true;
            inFlight.awaitDrained(cancelDrainNanos, false);
        } else if (durationStopped) {
            // Duration phases wait up to the grace period (skipped when nothing is in flight).
            inFlight.awaitDrained((long) (phase.gracePeriodOrDefault() * 1e9), true);
        } else {
            // Count phases wait for every response; only a cancel cuts that short.
            if (!inFlight.awaitDrained(Long.MAX_VALUE, true)) {
                interrupted = true;
                inFlight.awaitDrained(cancelDrainNanos, false);
            }
        }
        if (inFlight.count() > 0) {
            inFlight.cancelAll();
            inFlight.awaitDrained(TimeUnit.SECONDS.toNanos(10), false);
        }
        if (ticker != null) {
            ticker.stop();
        }
        PhaseResult result = result();
        progress.onProgress(snapshot());
        progress.onPhaseEnd(result);
        RuntimeException failure = sinkFailure.get();
        if (failure != null) {
            throw new IllegalStateException("the record sink failed during phase " + phase.name() + ": "
                    + failure.getMessage(), failure);
        }
        return result;
    }

    private PhaseResult result() {
        long end = Math.max(sendEndNanos, inFlight.lastCompletionNanos());
        double achieved = sent >= 2 && lastSendNanos > firstSendNanos
                ? (sent - 1) / ((lastSendNanos - firstSendNanos) / 1e9) : 0.0;
        return new PhaseResult(phase.name(), phase.type(), phase.excludeFromResults(), sent, inFlight.completed(),
                inFlight.errors(), inFlight.cancelled(), startNanos, sendEndNanos, end,
                phase.type().openLoop() ? phase.rate() : null, achieved, lag.result(), interrupted);
    }

    private PhaseProgress snapshot() {
        return new PhaseProgress(phase.name(), sent, inFlight.completed(), inFlight.errors(), inFlight.count(),
                elapsedSeconds(System.nanoTime()), phase.requests(), phase.duration());
    }
}
