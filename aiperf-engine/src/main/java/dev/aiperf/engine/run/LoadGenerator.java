package dev.aiperf.engine.run;

import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.ConversationSource;
import dev.aiperf.engine.dataset.PromptSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a benchmark's phases in order (warmup phases with {@code exclude_from_results} first, as configured),
 * with one request index sequence across them. Connections are opened before the first phase sends.
 * A phase marked {@code seamless} starts as soon as the previous phase stops sending; the previous phase's
 * in-flight requests finish (by its own stop rule) in the background.
 */
public final class LoadGenerator {

    /** Most connections opened up front for an open-loop phase without a concurrency ceiling. */
    private static final int MAX_WARM_CONNECTIONS = 1024;

    private final OpenAiClient client;
    private final PhaseRunner runner;

    public LoadGenerator(OpenAiClient client, PromptSource prompts, RecordSink sink) {
        this(client, new PhaseRunner(client, prompts, sink));
    }

    public LoadGenerator(OpenAiClient client, ConversationSource conversations, RecordSink sink) {
        this(client, new PhaseRunner(client, conversations, sink));
    }

    public LoadGenerator(OpenAiClient client, PhaseRunner runner) {
        this.client = client;
        this.runner = runner;
    }

    /**
     * The connections a run's phases can use at once: the highest concurrency, or for an open-loop phase without
     * a ceiling its rate (one second's worth of requests), capped at 1024. Size the client's pool with this.
     */
    public static int connectionsNeeded(List<PhaseConfig> phases) {
        int needed = 1;
        for (PhaseConfig p : phases) {
            if (p.concurrency() != null) {
                int ramped = p.concurrencyRamp() == null ? p.concurrency()
                        : Math.max(p.concurrency(), (int) Math.ceil(p.concurrencyRamp().start()));
                needed = Math.max(needed, ramped);
            } else if (p.type() == PhaseType.USER_CENTRIC && p.users() != null) {
                needed = Math.max(needed, Math.min(MAX_WARM_CONNECTIONS, p.users()));
            } else if (p.type().needsRate() && p.rate() != null) {
                needed = Math.max(needed, (int) Math.min(MAX_WARM_CONNECTIONS, Math.ceil(p.rate())));
            } else if (p.type() == PhaseType.FIXED_SCHEDULE) {
                needed = Math.max(needed, 64);
            }
        }
        return needed;
    }

    /**
     * Runs every phase and returns their results in order. Phases stop early when {@code cancel} is set.
     *
     * @param seed the run's seed; phase {@code i} uses a seed derived from it and {@code i}
     */
    public List<PhaseResult> run(List<PhaseConfig> phases, long seed, AtomicBoolean cancel, ProgressListener progress) {
        phases.forEach(PhaseValidation::validate);
        client.warmUpConnections(Math.min(connectionsNeeded(phases), client.maxConnections()));
        AtomicLong nextIndex = new AtomicLong();
        List<CompletableFuture<PhaseResult>> results = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            PhaseConfig phase = phases.get(i);
            if (cancel.get()) {
                break;
            }
            PhaseExecution execution = runner.start(phase, phaseSeed(seed, i), nextIndex, cancel, progress);
            execution.send();
            boolean nextSeamless = i + 1 < phases.size() && phases.get(i + 1).seamless();
            if (nextSeamless) {
                CompletableFuture<PhaseResult> draining = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        draining.complete(execution.drain());
                    } catch (RuntimeException e) {
                        draining.completeExceptionally(e);
                    }
                }, "aiperf-drain-" + phase.name());
                t.setDaemon(true);
                t.start();
                results.add(draining);
            } else {
                results.add(CompletableFuture.completedFuture(execution.drain()));
            }
        }
        List<PhaseResult> out = new ArrayList<>();
        for (CompletableFuture<PhaseResult> r : results) {
            try {
                out.add(r.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        return out;
    }

    /** A well-mixed per-phase seed, so phases do not share gap sequences. */
    static long phaseSeed(long seed, int phaseIndex) {
        long z = seed + 0x9E3779B97F4A7C15L * (phaseIndex + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
