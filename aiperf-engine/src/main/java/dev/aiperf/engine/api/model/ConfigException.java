package dev.aiperf.engine.api.model;

import java.util.OptionalInt;

/**
 * Bad user input in a config file, a flag, an annotation or a plugin parameter.
 *
 * <p>The message always says what is wrong and how to fix it, e.g.
 * {@code sweep.parameters: zip lists must all have equal length; got {concurrency: 3, isl: 2}}.
 * Front-ends print {@link #getMessage()} and never a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private final String path;
    private final int line;

    /** An error about the YAML path {@code path} (may be empty) found at 1-based {@code line}, or 0 if unknown. */
    public ConfigException(String path, int line, String message) {
        super(format(path, line, message));
        this.path = path == null ? "" : path;
        this.line = line;
    }

    public ConfigException(String path, String message) {
        this(path, 0, message);
    }

    public ConfigException(String message) {
        this("", 0, message);
    }

    /** The dotted YAML path the error is about, e.g. {@code benchmark.phases[1].rate}; empty if none. */
    public String path() {
        return path;
    }

    /** The 1-based line in the source file, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    private static String format(String path, int line, String message) {
        StringBuilder sb = new StringBuilder();
        if (path != null && !path.isEmpty()) {
            sb.append(path);
            if (line > 0) {
                sb.append(" (line ").append(line).append(')');
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        return sb.append(message).toString();
    }
}
