package dev.aiperf.mock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The continuous-batching step loop, on one thread. Each step:
 * <ol>
 *   <li>admits waiting sequences in FIFO order while the batch holds fewer than {@code maxBatch}; with a prefix
 *       cache, an admitted sequence looks up its prompt's leading blocks and prefills only the rest;</li>
 *   <li>gives sequences still in prefill (in admission order) up to {@code prefillChunkTokens} prompt tokens in
 *       total; a sequence whose prefill completes in this step emits its next token at the end of it;</li>
 *   <li>lasts {@code stepBaseMs + stepPerSeqMs × batch size + prefillMsPerToken × prefill tokens of the step};</li>
 *   <li>at its end emits one token per decoding sequence and retires finished ones;</li>
 *   <li>with a KV budget: while the batch holds more than {@code kvCacheTokens} tokens (prefilled plus generated)
 *       and more than one sequence, preempts the newest; it goes back to the head of the queue and must prefill
 *       its prompt plus everything it generated again before it emits another token (less whatever of its prompt
 *       the prefix cache still holds when it is readmitted).</li>
 * </ol>
 * A sequence whose prefill completes puts its prompt's blocks into the prefix cache at the end of that step.
 * Token callbacks only enqueue writes, so a slow client never stalls the loop.
 */
final class BatchingScheduler implements TokenScheduler {
    /** How late a step may start and still be scheduled from the previous deadline. */
    private static final long CATCH_UP_NANOS = 5_000_000;
    private final LatencyMode.Batching mode;
    private final PrefixCache prefixCache;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Generation> waiting = new ArrayDeque<>();
    private final ArrayList<Generation> active = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long preemptions;

    BatchingScheduler(LatencyMode.Batching mode, PrefixCache prefixCache) {
        this.mode = mode;
        this.prefixCache = prefixCache;
        this.thread = new Thread(this::loop, "mock-batching-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void submit(Generation sequence) {
        lock.lock();
        try {
            waiting.addLast(sequence);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long preemptions() {
        return preemptions;
    }

    private void loop() {
        List<Generation> admitted = new ArrayList<>();
        List<Generation> emitting = new ArrayList<>();
        List<Generation> prefilled = new ArrayList<>();
        List<Generation> batch = new ArrayList<>();
        long lastDeadline = Long.MIN_VALUE;
        while (running) {
            admitted.clear();
            emitting.clear();
            prefilled.clear();
            lock.lock();
            try {
                while (running && active.isEmpty() && waiting.isEmpty()) {
                    lastDeadline = Long.MIN_VALUE; // idle: the next step starts when work arrives
                    work.awaitUninterruptibly();
                }
                if (!running) {
                    return;
                }
                while (active.size() < mode.maxBatch() && !waiting.isEmpty()) {
                    Generation s = waiting.pollFirst();
                    if (s.cancelled()) {
                        continue;
                    }
                    active.add(s);
                    // Only a first admission counts towards the hit rate, so the counters add up to the
                    // cached_tokens the responses report; a readmission after preemption still uses the cache.
                    int cached = prefixCache.lookup(s.blockKeys, s.inputTokens, !s.admittedOnce);
                    s.kvTokens = cached;
                    s.prefillRemaining = s.inputTokens - cached + s.generated;
                    if (!s.admittedOnce) {
                        s.admittedOnce = true;
                        s.prefixHitTokens = cached;
                        admitted.add(s);
                    }
                }
                active.removeIf(Generation::cancelled);
                batch.clear();
                batch.addAll(active);
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            // Back-to-back steps run on the model's clock: a step that starts a little late (timer slack, a busy
            // CPU) starts at the previous deadline, so the slack does not add up over thousands of steps.
            // A step that admits new sequences starts now, so none of them is served before it arrived.
            long stepStart = admitted.isEmpty() && lastDeadline != Long.MIN_VALUE
                    && now - lastDeadline < CATCH_UP_NANOS ? lastDeadline : now;
            for (Generation s : admitted) {
                s.listener.onAdmitted(now, s.prefixHitTokens);
            }
            if (batch.isEmpty()) {
                lastDeadline = Long.MIN_VALUE;
                continue;
            }
            long budget = mode.prefillChunkTokens() == 0 ? Long.MAX_VALUE : mode.prefillChunkTokens();
            long prefillTokens = 0;
            for (Generation s : batch) {
                if (s.prefillRemaining > 0) {
                    int take = (int) Math.min(s.prefillRemaining, budget);
                    s.prefillRemaining -= take;
                    s.kvTokens += take;
                    budget -= take;
                    prefillTokens += take;
                    if (s.prefillRemaining == 0) {
                        emitting.add(s);
                        prefilled.add(s);
                    }
                } else {
                    emitting.add(s);
                }
            }
            double stepMs = mode.stepBaseMs() + mode.stepPerSeqMs() * batch.size()
                    + mode.prefillMsPerToken() * prefillTokens;
            lastDeadline = stepStart + OpenLoopScheduler.millisToNanos(stepMs);
            sleepUntil(lastDeadline);
            now = System.nanoTime();
            for (Generation s : prefilled) {
                prefixCache.insert(s.blockKeys);
            }
            for (Generation s : emitting) {
                int index = s.generated++;
                s.kvTokens++;
                s.listener.onToken(index, now);
            }
            lock.lock();
            try {
                active.removeIf(s -> s.generated >= s.outputTokens || s.cancelled());
                if (mode.kvCacheTokens() > 0) {
                    preemptOverBudget();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Called with the lock held. Newest first; the oldest sequence always keeps its place, so it always finishes. */
    private void preemptOverBudget() {
        long held = 0;
        for (Generation s : active) {
            held += s.kvTokens;
        }
        while (held > mode.kvCacheTokens() && active.size() > 1) {
            Generation newest = active.remove(active.size() - 1);
            held -= newest.kvTokens;
            newest.kvTokens = 0; // its prefill is redone when it is readmitted (see the admission step)
            waiting.addFirst(newest);
            preemptions++;
        }
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }
}
