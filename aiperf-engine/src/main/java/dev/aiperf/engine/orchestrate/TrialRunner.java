package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.plan.RunStatus;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * What a plan's session and a search's session both do around every trial: the server to send to (the embedded
 * mock when no URL is configured), the cooldown before a trial, running it, recording its end in
 * {@code run_status.json}, and stopping cleanly when cancelled. A failed trial never throws: the sweep goes on.
 */
final class TrialRunner implements AutoCloseable {

    private final AIPerfConfig config;
    private final SessionOptions options;
    private final RunExecutor executor;
    private final LocalServer server;
    private final boolean swept;
    private final String sweepId = UUID.randomUUID().toString();
    private boolean ranAny;

    private TrialRunner(AIPerfConfig config, SessionOptions options, RunExecutor executor, LocalServer server,
                        boolean swept) {
        this.config = config;
        this.options = options;
        this.executor = executor;
        this.server = server;
        this.swept = swept;
    }

    /**
     * Starts the embedded mock server when {@code config} names no URL (and says so on the listener).
     *
     * @param swept whether runs belong to a sweep (their {@code run_info} then names the cell)
     */
    static TrialRunner open(AIPerfConfig config, SessionOptions options, RunExecutor executor, boolean swept) {
        if (!config.benchmark().endpoint().usesEmbeddedServer()) {
            return new TrialRunner(config, options, executor, null, swept);
        }
        LocalServer server = options.localServer() == null ? EmbeddedMock.startDefault(config.benchmark().dataset())
                : options.localServer().get();
        try {
            options.listener().message("no --url given: started the embedded mock server at " + server.baseUrl()
                    + " (" + server.description() + ")");
            return new TrialRunner(withServerUrl(config, server.baseUrl().toString()), options, executor, server,
                    swept);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The config requests go out with: the configured one, or pointed at the embedded server. */
    AIPerfConfig config() {
        return config;
    }

    SessionOptions options() {
        return options;
    }

    boolean cancelled() {
        return options.cancel().get();
    }

    /**
     * Waits the trial's cooldown (not before the first trial of the session), then runs it.
     *
     * @param position 1-based among the {@code total} trials the caller plans to run
     * @return how it ended, or {@code null} when cancelled during the cooldown
     */
    RunOutcome run(PlannedRun run, int position, int total) {
        if (run.cooldownBeforeSeconds() > 0 && ranAny) {
            options.listener().cooldown(run.cooldownBeforeSeconds(), run.cooldownKind());
            pause(run.cooldownBeforeSeconds());
            if (cancelled()) {
                return null;
            }
        }
        options.listener().runStarted(run, position, total);
        long t0 = System.nanoTime();
        RunOutcome outcome = execute(run);
        ranAny = true;
        options.listener().runFinished(run, outcome, (System.nanoTime() - t0) / 1e9);
        return outcome;
    }

    /** Runs one trial and records its end in {@code run_status.json}; never throws for a failed run. */
    private RunOutcome execute(PlannedRun run) {
        long seed = run.seed() != null ? run.seed() : Math.floorMod(System.nanoTime(), Integer.MAX_VALUE);
        RunInfo info = new RunInfo(UUID.randomUUID().toString(), sweepId, seed, run.trial(), run.runLabel(),
                swept ? run.variation().label() : null, swept ? run.variation().index() : null,
                swept ? run.variation().plainValues() : Map.of(), options.cliCommand());
        BenchmarkConfig bound;
        try {
            bound = BenchmarkBinder.bind(run.variation().benchmarkTree(), SourceLines.NONE, "benchmark");
        } catch (ConfigException e) {
            RunOutcome outcome = RunOutcome.failed("invalid config after sweep overrides: " + e.getMessage());
            new RunStatus(outcome.status(), outcome.error(), info.toJson()).write(run.runDir());
            return outcome;
        }
        RunOutcome outcome;
        try {
            ObjectNode input = ConfigLoader.redactedTree(new AIPerfConfig(run.variation().benchmarkTree(), bound,
                    config.sweepTree(), config.multiRun(), seed, run.variation().variables()));
            outcome = executor.execute(new RunRequest(bound, run.runDir(), info, run.skipWarmup(), input,
                    options.cancel(), options.listener().progressFor(run)));
        } catch (ConfigException e) {
            // Raised while running, e.g. the server refused every connection: the run failed, the sweep goes on.
            outcome = RunOutcome.failed(e.getMessage());
        } catch (RuntimeException e) {
            // A defect or an environment failure in one run must not lose the rest of the sweep.
            outcome = RunOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        new RunStatus(outcome.status(), outcome.error(), info.toJson()).write(run.runDir());
        return outcome;
    }

    /** Sleeps {@code seconds}, waking early when cancelled. */
    void pause(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!cancelled()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    /** {@code config} with every request sent to {@code baseUrl} (the type's path is appended when binding). */
    static AIPerfConfig withServerUrl(AIPerfConfig config, String baseUrl) {
        ObjectNode tree = config.benchmarkTree().deepCopy();
        JsonNode endpoint = tree.get("endpoint");
        ObjectNode ep = endpoint != null && endpoint.isObject() ? (ObjectNode) endpoint : tree.putObject("endpoint");
        ep.remove("url");
        ep.putArray("urls").add(baseUrl);
        if (!tree.has("models")) {
            // The binder names the embedded model only while no URL is set; keep that name now that one is.
            var models = tree.putArray("models");
            config.benchmark().models().forEach(models::add);
        }
        BenchmarkConfig bound = BenchmarkBinder.bind(tree, SourceLines.NONE, "benchmark");
        return new AIPerfConfig(tree, bound, config.sweepTree(), config.multiRun(), config.randomSeed(),
                config.variables());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
