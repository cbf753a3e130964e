package dev.aiperf.maven;

import org.apache.maven.plugin.logging.Log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine's console output as Maven log lines. A carriage return starts the line over, so the console's
 * in-place progress ticks leave no trace in a build log and only finished lines (summaries, notices) are logged.
 */
final class LogStream extends OutputStream {

    private final Log log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LogStream(Log log) {
        this.log = log;
    }

    /** A print stream whose lines go to {@code log} at info level. */
    static PrintStream info(Log log) {
        return new PrintStream(new LogStream(log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b == '\r') {
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // Lines are logged whole; a partial line waits for its end.
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!text.isBlank()) {
            log.info(text.stripTrailing());
        }
    }
}
