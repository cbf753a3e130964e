package dev.aiperf.engine.run;

import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.dataset.ConversationSource;
import dev.aiperf.engine.dataset.PromptConversations;
import dev.aiperf.engine.dataset.PromptSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one timing phase, AIPerf's way:
 * <ul>
 *   <li>{@code concurrency} (closed loop): a new request as soon as one of {@code concurrency} slots is free; a
 *       slot is freed when its response completes.</li>
 *   <li>{@code constant}, {@code poisson}, {@code gamma} (open loop): requests at intended times 1/rate apart,
 *       exponential gaps from the seed, or gamma gaps with shape {@code smoothness}; the sending thread parks
 *       until each intended time and records how late the actual send was (schedule lag). A
 *       {@code concurrency} value caps the requests in flight.</li>
 *   <li>stop: after {@code requests} sends (then every response is awaited), or once {@code duration} seconds
 *       have passed (then in-flight requests get up to {@code grace_period} seconds, and are cancelled after
 *       it; no wait when none are in flight), whichever comes first.</li>
 *   <li>{@code concurrency_ramp} / {@code rate_ramp}: linear from the ramp's start to the target.</li>
 * </ul>
 * Request errors never stop a phase; they arrive as records with an error. Setting the cancel flag stops
 * sending, lets in-flight requests finish for a short drain, cancels the rest and returns what was measured.
 */
public final class PhaseRunner {

    /** How long an interrupted phase lets in-flight requests finish before cancelling them. */
    public static final Duration DEFAULT_CANCEL_DRAIN = Duration.ofSeconds(2);
    /** How often progress listeners hear from a running phase. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final OpenAiClient client;
    private final ConversationSource conversations;
    private ConversationSource warmupConversations;
    private final RecordSink sink;
    private final Duration cancelDrain;
    private final Duration progressInterval;

    /** Single-turn requests: request {@code i} sends prompt {@code i}. */
    public PhaseRunner(OpenAiClient client, PromptSource prompts, RecordSink sink) {
        this(client, new PromptConversations(prompts), sink, DEFAULT_CANCEL_DRAIN, DEFAULT_PROGRESS_INTERVAL);
    }

    public PhaseRunner(OpenAiClient client, ConversationSource conversations, RecordSink sink) {
        this(client, conversations, sink, DEFAULT_CANCEL_DRAIN, DEFAULT_PROGRESS_INTERVAL);
    }

    public PhaseRunner(OpenAiClient client, PromptSource prompts, RecordSink sink, Duration cancelDrain,
            Duration progressInterval) {
        this(client, new PromptConversations(prompts), sink, cancelDrain, progressInterval);
    }

    public PhaseRunner(OpenAiClient client, ConversationSource conversations, RecordSink sink, Duration cancelDrain,
            Duration progressInterval) {
        this.client = client;
        this.conversations = conversations;
        this.sink = sink;
        this.cancelDrain = cancelDrain;
        this.progressInterval = progressInterval;
    }

    /**
     * Gives warmup ({@code exclude_from_results}) phases their own conversations, so a trace replayed by the measured
     * phase is replayed whole rather than missing the entries the warmup took. The caller closes it.
     */
    public PhaseRunner withWarmupConversations(ConversationSource warmup) {
        this.warmupConversations = warmup;
        return this;
    }

    /**
     * Runs {@code phase} to completion on the calling thread.
     *
     * @param seed      seeds the arrival gaps (same seed, same intended schedule)
     * @param nextIndex the run-wide request counter; each request takes the next index
     * @param cancel    set by anyone to interrupt the run
     * @param progress  live progress
     * @throws dev.aiperf.engine.api.model.ConfigException when the phase cannot run as configured
     */
    public PhaseResult runPhase(PhaseConfig phase, long seed, AtomicLong nextIndex, AtomicBoolean cancel,
            ProgressListener progress) {
        PhaseExecution execution = start(phase, seed, nextIndex, cancel, progress);
        execution.send();
        return execution.drain();
    }

    /** Runs one phase with request indices from 0. */
    public static PhaseResult runPhase(PhaseConfig phase, long seed, OpenAiClient client, PromptSource prompts,
            RecordSink sink, AtomicBoolean cancel, ProgressListener progress) {
        return new PhaseRunner(client, prompts, sink).runPhase(phase, seed, new AtomicLong(), cancel, progress);
    }

    PhaseExecution start(PhaseConfig phase, long seed, AtomicLong nextIndex, AtomicBoolean cancel,
            ProgressListener progress) {
        ConversationSource source = phase.excludeFromResults() && warmupConversations != null
                ? warmupConversations : conversations;
        return new PhaseExecution(phase, seed, client, source, sink, nextIndex, cancel,
                progress == null ? ProgressListener.NONE : progress, cancelDrain.toNanos(),
                Math.max(10, progressInterval.toMillis()));
    }
}
