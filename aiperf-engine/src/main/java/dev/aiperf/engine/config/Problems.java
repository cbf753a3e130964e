package dev.aiperf.engine.config;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found while binding a tree, so one load reports all of them; each carries its path
 * and line. {@link #throwIfAny()} raises one {@link ConfigException} whose path and line are the first
 * problem's (in document order) and whose message lists the rest. Public because the sweep block is read
 * with the same {@link Fields}.
 */
public final class Problems {
    private record Problem(String path, int line, String message) {
    }

    private final SourceLines lines;
    private final List<Problem> found = new ArrayList<>();

    public Problems(SourceLines lines) {
        this.lines = lines == null ? SourceLines.NONE : lines;
    }

    public void add(String path, String message) {
        found.add(new Problem(path, lines.lineOf(path), message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        // Document order reads best; problems without a known line go last.
        found.sort(java.util.Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
        Problem first = found.get(0);
        StringBuilder msg = new StringBuilder(first.message());
        if (found.size() > 1) {
            msg.append("\n").append(found.size() - 1).append(" more problem(s):");
            for (int i = 1; i < found.size(); i++) {
                Problem p = found.get(i);
                msg.append("\n  - ").append(new ConfigException(p.path(), p.line(), p.message()).getMessage());
            }
        }
        throw new ConfigException(first.path(), first.line(), msg.toString());
    }
}
