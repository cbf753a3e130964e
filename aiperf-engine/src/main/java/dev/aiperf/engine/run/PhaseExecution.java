package dev.aiperf.engine.run;

import dev.aiperf.engine.dataset.PromptSource;

import dev.aiperf.engine.client.ErrorTypes;
import dev.aiperf.engine.client.InFlightRequest;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.client.RequestRecord;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One phase being run: sends on the calling thread (closed loop gated by slots, open loop parked to each
 * intended time), then drains in-flight requests by the phase's stop rule.
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

    private final ConcurrentHashMap<Long, Slot> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger inFlightCount = new AtomicInteger();
    private final Object drained = new Object();
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder cancelledCount = new LongAdder();
    private final AtomicLong lastCompletionNanos = new AtomicLong();
    private final AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    private final Histogram lagHistogram = new Histogram(3);
    private ConcurrencyLimit limit;
    /** Written only by the sending thread; volatile so progress snapshots see it. */
    private volatile long sent;
    private long firstSendNanos;
    private long lastSendNanos;
    private long lagSumNanos;
    private long lagMaxNanos;
    private long startNanos;
    private long sendEndNanos;
    private boolean interrupted;
    private boolean durationStopped;
    private ScheduledExecutorService ticker;

    /** The handle of a sent request, registered before sending so a fast completion always finds it. */
    private static final class Slot {
        volatile InFlightRequest request;
    }

    PhaseExecution(PhaseConfig phase, long seed, OpenAiClient client, PromptSource prompts, RecordSink sink,
            AtomicLong nextIndex, AtomicBoolean cancel, ProgressListener progress, long cancelDrainNanos,
            long progressIntervalMillis) {
        validate(phase);
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
    }

    static void validate(PhaseConfig p) {
        String at = "phases." + p.name();
        if (p.requests() == null && p.duration() == null) {
            throw new ConfigException(at + ": give requests (a count) or duration (seconds) to say when it stops");
        }
        if (p.requests() != null && p.requests() < 1) {
            throw new ConfigException(at + ".requests: must be at least 1; got " + p.requests());
        }
        if (p.duration() != null && !(p.duration() > 0)) {
            throw new ConfigException(at + ".duration: must be a positive number of seconds; got " + p.duration());
        }
        if (p.gracePeriod() != null && p.gracePeriod() < 0) {
            throw new ConfigException(at + ".grace_period: must be 0 or more seconds; got " + p.gracePeriod());
        }
        if (p.concurrency() != null && p.concurrency() < 1) {
            throw new ConfigException(at + ".concurrency: must be at least 1; got " + p.concurrency());
        }
        if (p.type().openLoop()) {
            if (p.rate() == null || !(p.rate() > 0)) {
                throw new ConfigException(at + ".rate: a " + p.type().yamlName()
                        + " phase needs a positive rate in requests per second; got " + p.rate());
            }
            if (p.type() == PhaseType.GAMMA && p.smoothness() != null && !(p.smoothness() > 0)) {
                throw new ConfigException(at + ".smoothness: the gamma shape must be positive; got " + p.smoothness());
            }
        } else if (p.rateRamp() != null) {
            throw new ConfigException(at + ".rate_ramp: only rate phases (constant, poisson, gamma) have a rate to ramp; "
                    + "use concurrency_ramp for a concurrency phase");
        }
        if (p.concurrencyRamp() != null && p.concurrency() == null) {
            throw new ConfigException(at + ".concurrency_ramp: needs a target concurrency; set concurrency");
        }
        for (var ramp : new dev.aiperf.engine.config.Ramp[] {p.concurrencyRamp(), p.rateRamp()}) {
            if (ramp != null && (ramp.durationSeconds() < 0 || ramp.start() < 0)) {
                throw new ConfigException(at + ": a ramp needs start >= 0 and duration >= 0; got " + ramp);
            }
        }
    }

    /** Sends until the phase's stop rule says so (or the run is cancelled). */
    void send() {
        startNanos = System.nanoTime();
        progress.onPhaseStart(phase);
        startTicker();
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
        Slot slot = new Slot();
        inFlight.put(index, slot);
        inFlightCount.incrementAndGet();
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
            long lag = Math.max(0, start - intended);
            lagHistogram.recordValue(lag);
            lagSumNanos += lag;
            lagMaxNanos = Math.max(lagMaxNanos, lag);
        }
    }

    private void onRecord(long index, RequestRecord record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            sinkFailure.compareAndSet(null, e);
        } finally {
            completed.increment();
            if (!record.ok()) {
                errors.increment();
                if (ErrorTypes.CANCELLED.equals(record.error().type())) {
                    cancelledCount.increment();
                }
            }
            lastCompletionNanos.accumulateAndGet(record.endNanos(), Math::max);
            inFlight.remove(index);
            if (limit != null) {
                limit.release();
            }
            if (inFlightCount.decrementAndGet() == 0) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    /** Waits for in-flight requests by the phase's stop rule, cancels what is left, and reports. */
    PhaseResult drain() {
        if (interrupted || cancel.get()) {
            interrupted = true;
            awaitDrained(cancelDrainNanos, false);
        } else if (durationStopped) {
            // Duration phases wait up to the grace period (skipped when nothing is in flight).
            awaitDrained((long) (phase.gracePeriodOrDefault() * 1e9), true);
        } else {
            // Count phases wait for every response; only a cancel cuts that short.
            if (!awaitDrained(Long.MAX_VALUE, true)) {
                interrupted = true;
                awaitDrained(cancelDrainNanos, false);
            }
        }
        if (inFlightCount.get() > 0) {
            for (Slot slot : inFlight.values()) {
                InFlightRequest r = slot.request;
                if (r != null) {
                    r.cancel();
                }
            }
            awaitDrained(TimeUnit.SECONDS.toNanos(10), false);
        }
        stopTicker();
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

    /** True when nothing is in flight; false on timeout or (when {@code stopOnCancel}) when the run is cancelled. */
    private boolean awaitDrained(long timeoutNanos, boolean stopOnCancel) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        synchronized (drained) {
            while (inFlightCount.get() > 0) {
                if (stopOnCancel && cancel.get()) {
                    return false;
                }
                long left = deadline == Long.MAX_VALUE ? POLL_NANOS : deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, Math.min(left, POLL_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.set(true);
                    return false;
                }
            }
        }
        return true;
    }

    private PhaseResult result() {
        long end = Math.max(sendEndNanos, lastCompletionNanos.get());
        double achieved = sent >= 2 && lastSendNanos > firstSendNanos
                ? (sent - 1) / ((lastSendNanos - firstSendNanos) / 1e9) : 0.0;
        PhaseResult.ScheduleLag lag = lagHistogram.getTotalCount() == 0 ? PhaseResult.ScheduleLag.NONE
                : new PhaseResult.ScheduleLag(lagHistogram.getTotalCount(),
                        lagSumNanos / 1e6 / lagHistogram.getTotalCount(),
                        lagHistogram.getValueAtPercentile(50) / 1e6,
                        lagHistogram.getValueAtPercentile(99) / 1e6,
                        lagMaxNanos / 1e6);
        return new PhaseResult(phase.name(), phase.type(), phase.excludeFromResults(), sent, completed.sum(),
                errors.sum(), cancelledCount.sum(), startNanos, sendEndNanos, end,
                phase.type().openLoop() ? phase.rate() : null, achieved, lag, interrupted);
    }

    private PhaseProgress snapshot() {
        return new PhaseProgress(phase.name(), sent, completed.sum(), errors.sum(), inFlightCount.get(),
                elapsedSeconds(System.nanoTime()), phase.requests(), phase.duration());
    }

    private void startTicker() {
        if (progress == ProgressListener.NONE) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aiperf-progress-" + phase.name());
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                progress.onProgress(snapshot());
            } catch (RuntimeException e) {
                // A failing progress display must not stop the measurement.
            }
        }, progressIntervalMillis, progressIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
