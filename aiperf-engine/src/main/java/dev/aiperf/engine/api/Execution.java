package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.CellInfo;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.CancellationHook;
import dev.aiperf.engine.orchestrate.HarnessWarmup;
import dev.aiperf.engine.orchestrate.SearchSession;
import dev.aiperf.engine.orchestrate.SessionOptions;

import java.io.PrintStream;
import java.util.List;

/**
 * A benchmark that is running: the embedded server (when one was needed) is up, and cells run one at a time on the
 * caller's thread. The command line and the Maven plugin call {@link #runAll()}; the JUnit extension runs one
 * {@link #runCell cell} per test invocation. Close it to stop the server and release the interrupt hook.
 */
public final class Execution implements AutoCloseable {

    private final Benchmark benchmark;
    private final RunSettings settings;
    private final BenchmarkSession session;
    private final SearchSession search;
    private final CancellationHook hook;

    private Execution(Benchmark benchmark, RunSettings settings, BenchmarkSession session, SearchSession search,
                      CancellationHook hook) {
        this.benchmark = benchmark;
        this.settings = settings;
        this.session = session;
        this.search = search;
        this.hook = hook;
    }

    static Execution start(Benchmark benchmark, RunSettings settings) {
        ProfileOptions o = benchmark.options();
        boolean quiet = "none".equalsIgnoreCase(o.ui() == null ? "" : o.ui().trim());
        PrintStream console = settings.console();
        boolean single = !benchmark.isSearch() && benchmark.cells().size() == 1 && benchmark.trials() == 1
                && benchmark.config().sweepTree() == null;
        HarnessWarmup warmup = o.harnessWarmupRequests() == null ? HarnessWarmup.DEFAULT
                : new HarnessWarmup(o.harnessWarmupRequests());
        BenchmarkRun executor = new BenchmarkRun(single && !quiet ? console : null, warmup);
        SessionOptions so = new SessionOptions(benchmark.gates(),
                ListenerBridge.of(console, quiet, settings.listener()), null, benchmark.resume(),
                CommandLines.redact(settings.commandLine()), settings.cancel());
        CancellationHook hook = settings.stopOnInterrupt() ? CancellationHook.install(settings.cancel()) : null;
        try {
            if (benchmark.isSearch()) {
                return new Execution(benchmark, settings, null, SearchSession.open(benchmark.config(), so, executor),
                        hook);
            }
            return new Execution(benchmark, settings, BenchmarkSession.open(benchmark.config(), so, executor), null,
                    hook);
        } catch (RuntimeException e) {
            if (hook != null) {
                hook.close();
            }
            throw e;
        }
    }

    /** The cells planned in advance (empty for a search). */
    public List<CellInfo> cells() {
        return benchmark.cells();
    }

    /**
     * Runs every trial of one cell and writes its aggregate.
     *
     * @param index the cell's index, from {@link #cells()}
     */
    public CellResult runCell(int index) {
        if (session == null) {
            throw new IllegalStateException("a search has no cells planned in advance; call runSearch()");
        }
        return session.runCell(index);
    }

    /** Recomputes every aggregate from what ran so far (after {@link #runCell} calls) and judges the gates. */
    public ProfileResult finish() {
        if (session == null) {
            throw new IllegalStateException("a search finishes itself; call runSearch()");
        }
        return session.finish();
    }

    /** Runs the whole plan (or what a resume leaves of it), or the whole search, then every aggregate. */
    public ProfileResult runAll() {
        ProfileResult result;
        if (search != null) {
            SearchResult r = runSearch();
            result = r.profile().withSearch(r.summary());
        } else {
            result = session.runAll();
        }
        ReportFile.write(result.baseDir(), settings.console());
        return result;
    }

    /** Runs the adaptive search to its end (or until cancelled), then writes the aggregates. */
    public SearchResult runSearch() {
        if (search == null) {
            throw new ConfigException("this benchmark is not an adaptive search; call runAll() or runCell()");
        }
        return search.run();
    }

    /** Stops cleanly: the run in flight is marked cancelled and keeps what it measured. */
    public void cancel() {
        settings.cancel().set(true);
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session.close();
            }
            if (search != null) {
                search.close();
            }
        } finally {
            if (hook != null) {
                hook.close();
            }
        }
    }
}
