package dev.aiperf.engine.run;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Conversation;
import dev.aiperf.engine.dataset.ConversationSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase being run: the sending thread starts conversations when the phase's timing says so (closed loop: when a
 * slot is free; rate phases: at the arrival times; fixed schedule: at the trace's timestamps; user-centric: each
 * user's own clock), later turns of a conversation follow its responses ({@link TurnScheduler}), and the drain waits
 * for in-flight requests by the phase's stop rule.
 *
 * <p>A conversation holds one slot of {@code concurrency} from its first turn to its last (closed loop and the
 * ceiling of the other types); with single-turn data that is one slot per request, as before. {@code requests} caps
 * the requests sent (turns count), {@code sessions} the conversations started, {@code duration} the sending time.
 *
 * <p>The start loops stay in this class, whole: they share the phase's state (start time, counts, why sending
 * stopped) and are the timing-critical path. Sending a turn and what its response leads to is {@link TurnSender}'s;
 * what else they use is apart too: {@link InFlightRequests}, {@link Session}, {@link TurnScheduler},
 * {@link ProgressTicker} and {@link PhaseValidation}.
 */
final class PhaseExecution {

    /** Longest single wait of the sending thread, so it notices the cancel flag and ramp steps promptly. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final PhaseConfig phase;
    private final long seed;
    private final OpenAiClient client;
    private final ConversationSource conversations;
    private final RecordSink sink;
    private final AtomicLong nextIndex;
    private final AtomicBoolean cancel;
    private final ProgressListener progress;
    private final long cancelDrainNanos;
    private final long progressIntervalMillis;

    private final InFlightRequests inFlight;
    private final TurnScheduler turns;
    private ConcurrencyLimit limit;
    private TurnSender sender;
    private final AtomicLong sessionsStarted = new AtomicLong();
    private volatile long startNanos;
    private long sendEndNanos;
    private volatile boolean interrupted;
    private volatile boolean durationStopped;
    private volatile boolean sourceEnded;
    private ProgressTicker ticker;

    PhaseExecution(PhaseConfig phase, long seed, OpenAiClient client, ConversationSource conversations, RecordSink sink,
            AtomicLong nextIndex, AtomicBoolean cancel, ProgressListener progress, long cancelDrainNanos,
            long progressIntervalMillis) {
        PhaseValidation.validate(phase);
        this.phase = phase;
        this.seed = seed;
        this.client = client;
        this.conversations = conversations;
        this.sink = sink;
        this.nextIndex = nextIndex;
        this.cancel = cancel;
        this.progress = progress;
        this.cancelDrainNanos = cancelDrainNanos;
        this.progressIntervalMillis = progressIntervalMillis;
        this.inFlight = new InFlightRequests(cancel);
        this.turns = new TurnScheduler(phase.name());
    }

    /** Sends until the phase's stop rule says so (or the run is cancelled). */
    void send() {
        startNanos = System.nanoTime();
        progress.onPhaseStart(phase);
        ticker = ProgressTicker.start(phase.name(), progress, progressIntervalMillis, this::snapshot);
        Integer concurrency = phase.concurrency();
        PrefillLimit prefill = phase.prefillConcurrency() == null ? null
                : new PrefillLimit(phase.prefillConcurrency(), phase.prefillRamp(), startNanos, cancel);
        sender = new TurnSender(phase, seed, client, sink, nextIndex, inFlight, turns, prefill, new TurnSender.Phase() {
            @Override
            public boolean mayContinue() {
                return PhaseExecution.this.mayContinue();
            }

            @Override
            public void ended(Session session) {
                endSession(session);
            }

            @Override
            public long userGapNanos() {
                return PhaseExecution.this.userGapNanos();
            }
        });
        switch (phase.type()) {
            case CONCURRENCY -> {
                int target = concurrency == null ? 1 : concurrency;
                limit = new ConcurrencyLimit(LinearRamp.slotsAt(phase.concurrencyRamp(), target, 0));
                closedLoop(target);
            }
            case USER_CENTRIC -> users();
            case CONSTANT, POISSON, GAMMA, FIXED_SCHEDULE -> {
                if (concurrency != null) {
                    limit = new ConcurrencyLimit(LinearRamp.slotsAt(phase.concurrencyRamp(), concurrency, 0));
                }
                if (phase.type() == PhaseType.FIXED_SCHEDULE) {
                    fixedSchedule();
                } else {
                    openLoop();
                }
            }
        }
        sendEndNanos = System.nanoTime();
    }

    private double elapsedSeconds(long now) {
        return (now - startNanos) / 1e9;
    }

    private boolean countReached() {
        return sender.capReached();
    }

    private boolean sessionsReached() {
        return phase.sessions() != null && sessionsStarted.get() >= phase.sessions();
    }

    private boolean durationOver(long t) {
        if (phase.duration() != null && elapsedSeconds(t) > phase.duration()) {
            durationStopped = true;
            return true;
        }
        return false;
    }

    /** Whether the sending thread may start another conversation now. */
    private boolean mayStart(long now) {
        return !countReached() && !sessionsReached() && !sourceEnded && !durationOver(now);
    }

    /** Whether a started conversation may send its next turn now. */
    private boolean mayContinue() {
        return !cancel.get() && !countReached() && !durationOver(System.nanoTime());
    }

    private void closedLoop(int target) {
        while (true) {
            if (cancel.get()) {
                interrupted = true;
                return;
            }
            long now = System.nanoTime();
            if (!mayStart(now)) {
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
            if (durationOver(System.nanoTime()) || cancel.get() || !startConversation(OpenAiClient.UNSCHEDULED, -1)) {
                limit.release();
            }
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
        while (true) {
            if (!mayStart(System.nanoTime())) {
                return;
            }
            double at = schedule.next();
            if (phase.duration() != null && at > phase.duration()) {
                durationStopped = true;
                return;
            }
            long intended = startNanos + (long) (at * 1e9);
            if (!sendAt(intended, null)) {
                return;
            }
        }
    }

    /**
     * Replays a trace: each conversation starts at its timestamp, measured from the first replayed one (auto offset)
     * or from trace time 0 (or the start offset), divided by the speed-up. Sending from the intended time, not from
     * when the previous request finished, is what keeps a slow server from thinning the load (coordinated omission).
     */
    private void fixedSchedule() {
        PhaseConfig.FixedSchedule options = phase.scheduleOrDefault();
        double base = Double.NaN;
        while (true) {
            if (!mayStart(System.nanoTime())) {
                return;
            }
            Conversation c = nextConversation();
            if (c == null) {
                return;
            }
            double ts = c.timestampMillis();
            if (Double.isNaN(ts)) {
                throw new ConfigException("phases." + phase.name() + ": a fixed-schedule phase needs a timestamp on"
                        + " every dataset entry, and conversation " + c.sessionId() + " has none; add timestamps or"
                        + " use a concurrency or rate phase");
            }
            if (options.startOffsetMs() != null && ts < options.startOffsetMs()) {
                continue;
            }
            if (options.endOffsetMs() != null && ts > options.endOffsetMs()) {
                sourceEnded = true;
                return;
            }
            if (Double.isNaN(base)) {
                base = options.autoOffset() ? ts : options.startOffsetMs() == null ? 0 : options.startOffsetMs();
            }
            double at = (ts - base) / 1e3 / options.speedup();
            if (phase.duration() != null && at > phase.duration()) {
                durationStopped = true;
                return;
            }
            if (!sendAt(startNanos + (long) (at * 1e9), c)) {
                return;
            }
        }
    }

    /** Parks until {@code intended}, takes a slot under the ceiling, starts a conversation; false to stop sending. */
    private boolean sendAt(long intended, Conversation given) {
        if (!parkUntil(intended)) {
            interrupted = true;
            return false;
        }
        if (limit != null) {
            limit.adjust(LinearRamp.slotsAt(phase.concurrencyRamp(), phase.concurrency(),
                    elapsedSeconds(System.nanoTime())));
            if (!acquireSlot(phase.concurrency())) {
                if (cancel.get()) {
                    interrupted = true;
                }
                return false;
            }
        }
        Conversation c = given != null ? given : nextConversation();
        if (c == null) {
            // The source has ended: give back the slot taken for it.
            if (limit != null) {
                limit.release();
            }
            return false;
        }
        start(c, intended, -1);
        return true;
    }

    /**
     * User-centric timing: user {@code u} starts at {@code u / rate} seconds and sends a turn every
     * {@code users / rate} seconds (or when its previous response arrives, if that is later), starting a new
     * conversation when one ends. The users run on the turn scheduler; this thread waits for the stop rule.
     */
    private void users() {
        int users = phase.users();
        for (int u = 0; u < users; u++) {
            long intended = startNanos + (long) (u / phase.rate() * 1e9);
            int user = u;
            turns.at(intended, () -> startUserConversation(user, intended));
        }
        while (true) {
            if (cancel.get()) {
                interrupted = true;
                return;
            }
            if (!mayStart(System.nanoTime())) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private long userGapNanos() {
        return (long) (phase.users() / phase.rate() * 1e9);
    }

    private void startUserConversation(int user, long intended) {
        if (!cancel.get() && mayStart(System.nanoTime())) {
            startConversation(intended, user);
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

    private Conversation nextConversation() {
        synchronized (conversations) {
            Conversation c = conversations.next();
            if (c == null) {
                sourceEnded = true;
            }
            return c;
        }
    }

    /** Starts the next conversation of the source; false when the source has ended. */
    private boolean startConversation(long intended, int user) {
        Conversation c = nextConversation();
        if (c == null) {
            return false;
        }
        start(c, intended, user);
        return true;
    }

    private void start(Conversation c, long intended, int user) {
        sessionsStarted.incrementAndGet();
        sender.send(new Session(c, user), intended);
    }

    /** A conversation is over: its slot frees, and a user-centric user starts its next one on its own clock. */
    private void endSession(Session session) {
        if (session.user >= 0) {
            long due = Math.max(session.lastIntendedNanos + userGapNanos(), System.nanoTime());
            if (!cancel.get() && mayStart(System.nanoTime())) {
                turns.at(due, () -> startUserConversation(session.user, due));
            }
        } else if (limit != null) {
            limit.release();
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
        turns.close();
        if (ticker != null) {
            ticker.stop();
        }
        PhaseResult result = result();
        progress.onProgress(snapshot());
        progress.onPhaseEnd(result);
        RuntimeException failure = sender.sinkFailure();
        if (failure != null) {
            throw new IllegalStateException("the record sink failed during phase " + phase.name() + ": "
                    + failure.getMessage(), failure);
        }
        return result;
    }

    private PhaseResult result() {
        long end = Math.max(sendEndNanos, inFlight.lastCompletionNanos());
        return new PhaseResult(phase.name(), phase.type(), phase.excludeFromResults(), sender.sent(),
                inFlight.completed(), inFlight.errors(), inFlight.cancelled(), startNanos, sendEndNanos, end,
                phase.type().needsRate() ? phase.rate() : null, sender.achievedRate(), sender.lag(), interrupted);
    }

    private PhaseProgress snapshot() {
        return new PhaseProgress(phase.name(), sender == null ? 0 : sender.sent(), inFlight.completed(), inFlight.errors(), inFlight.count(),
                elapsedSeconds(System.nanoTime()), phase.requests(), phase.duration());
    }
}
