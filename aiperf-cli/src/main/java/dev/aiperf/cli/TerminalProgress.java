package dev.aiperf.cli;

import dev.aiperf.engine.api.BenchmarkListener;
import dev.aiperf.engine.api.model.ProfileResult;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

import java.io.IOException;
import java.util.List;

/**
 * {@code --ui simple} on a terminal: the two {@link ProgressBars} in jline's status area at the bottom of the
 * terminal, redrawn on every progress tick, while the run's lines (plan, one line per trial, tables) scroll above
 * it. {@link #open()} gives none when standard output is not a terminal (a pipe, a CI log), so those keep their
 * plain lines.
 */
final class TerminalProgress implements BenchmarkListener, AutoCloseable {

    private final Terminal terminal;
    private final Status status;
    private final long start = System.nanoTime();
    private int position;
    private int total;
    private Trial trial;
    private Progress progress;

    private TerminalProgress(Terminal terminal, Status status) {
        this.terminal = terminal;
        this.status = status;
    }

    /** Progress bars on this process's terminal, or null when there is none (or it cannot show a status area). */
    static TerminalProgress open() {
        if (System.console() == null) {
            return null;
        }
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            // A status area needs a scroll region and a known size (a terminal of 0x0, e.g. a fresh pseudo-terminal
            // nobody sized, cannot hold one).
            boolean usable = !Terminal.TYPE_DUMB.equals(t.getType()) && t.getHeight() > 2 && t.getWidth() > 20
                    && t.getStringCapability(InfoCmp.Capability.change_scroll_region) != null;
            if (!usable) {
                t.close();
                return null;
            }
            return new TerminalProgress(t, Status.getStatus(t));
        } catch (IOException | RuntimeException e) {
            return null; // no usable terminal: plain lines, as in a pipe
        }
    }

    @Override
    public boolean drawsProgress() {
        return true;
    }

    @Override
    public synchronized void trialStarted(Trial t, int pos, int tot) {
        trial = t;
        position = pos;
        total = tot;
        progress = null;
        draw();
    }

    @Override
    public synchronized void progress(Trial t, Progress p) {
        if (trial != null && t.runDir().equals(trial.runDir())) {
            progress = p;
            draw();
        }
    }

    @Override
    public synchronized void finished(ProfileResult result) {
        status.update(List.of());
    }

    private void draw() {
        if (trial == null) {
            return;
        }
        int width = Math.max(40, terminal.getWidth() <= 0 ? 100 : terminal.getWidth() - 1);
        List<String> lines = ProgressBars.render(new ProgressBars.State(position, total, trial, progress,
                (System.nanoTime() - start) / 1e9), width);
        status.update(lines.stream().map(AttributedString::new).toList());
    }

    @Override
    public synchronized void close() {
        status.close();
        try {
            terminal.close();
        } catch (IOException e) {
            // closing the terminal at exit: nothing left to show
        }
    }
}
