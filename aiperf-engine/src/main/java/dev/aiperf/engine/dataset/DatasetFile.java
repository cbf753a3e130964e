package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.DatasetType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file as the user named it, and the one place that words errors about it:
 * {@code FILE:LINE: FIELD: what is wrong and the fix}, e.g.
 * {@code trace.jsonl:17: timestamp: expected a number of milliseconds; got "abc"}. The file is named as given (not
 * made absolute), so the message shows the path the user typed.
 */
record DatasetFile(Path path, DatasetType type) {

    String name() {
        return path.toString();
    }

    /** An error about {@code field} (null: the whole entry) of the entry on 1-based {@code line}. */
    ConfigException error(int line, String field, String message) {
        StringBuilder sb = new StringBuilder(name()).append(':').append(line).append(": ");
        if (field != null) {
            sb.append(field).append(": ");
        }
        return new ConfigException(sb.append(message).toString());
    }

    /** An error about the file as a whole. */
    ConfigException error(String message) {
        return new ConfigException(name() + ": " + message);
    }

    /** An I/O failure while reading, as the user sees it (the cause's class is noise to them, its message is not). */
    ConfigException unreadable(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return error("cannot be read (" + why + ")");
    }
}
