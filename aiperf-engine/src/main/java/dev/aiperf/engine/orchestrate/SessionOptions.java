package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.SlaRule;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * How a front-end wants a session run.
 *
 * @param slaRules   gate rules judged on every cell (from {@code --sla}, {@code @Sla}, the plugin's rules); the
 *                   YAML {@code sweep.sla_filters} are added to them
 * @param listener   progress and notices
 * @param localServer starts the server to use when no URL is configured ({@code null}: the embedded mock server
 *                    with its defaults)
 * @param resume     run only the runs whose artifacts are missing or incomplete
 * @param cliCommand the command line, recorded in {@code run_info}, or {@code null}
 * @param cancel     set it to stop cleanly (Ctrl-C); {@code null} for a private flag
 */
public record SessionOptions(
        List<SlaRule> slaRules,
        SweepListener listener,
        Supplier<LocalServer> localServer,
        boolean resume,
        String cliCommand,
        AtomicBoolean cancel) {

    public SessionOptions {
        slaRules = slaRules == null ? List.of() : List.copyOf(slaRules);
        listener = listener == null ? SweepListener.NONE : listener;
        cancel = cancel == null ? new AtomicBoolean() : cancel;
    }

    public static SessionOptions defaults() {
        return new SessionOptions(List.of(), SweepListener.NONE, null, false, null, null);
    }

    public SessionOptions withListener(SweepListener l) {
        return new SessionOptions(slaRules, l, localServer, resume, cliCommand, cancel);
    }

    public SessionOptions withSlaRules(List<SlaRule> rules) {
        return new SessionOptions(rules, listener, localServer, resume, cliCommand, cancel);
    }

    public SessionOptions withLocalServer(Supplier<LocalServer> server) {
        return new SessionOptions(slaRules, listener, server, resume, cliCommand, cancel);
    }

    public SessionOptions withResume(boolean r) {
        return new SessionOptions(slaRules, listener, localServer, r, cliCommand, cancel);
    }
}
