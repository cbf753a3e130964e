package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.view.HtmlReport;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The {@code report.html} written at the end of a profile: a report that cannot be written (a directory with no
 * finished run, a full disk) is a warning on the console, never the run's failure, since the results are on disk.
 */
final class ReportFile {

    private ReportFile() {
    }

    /** Writes the report of {@code dir} into it; returns the file, or null when it could not be written. */
    static Path write(Path dir, PrintStream console) {
        if (dir == null) {
            return null;
        }
        try {
            Path file = HtmlReport.write(dir, dir, null);
            if (console != null) {
                console.println("report: " + file);
            }
            return file;
        } catch (ConfigException | UncheckedIOException e) {
            if (console != null) {
                console.println("warning: no " + HtmlReport.FILE_NAME + ": " + e.getMessage());
            }
            return null;
        }
    }
}
