package dev.aiperf.engine.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a comparison's files: {@value MarkdownSummary#FILE_NAME} and {@value JUnitXmlReport#FILE_NAME}. */
public final class ComparisonWriter {

    private ComparisonWriter() {
    }

    /** Writes both reports into {@code dir} (created if needed) and returns their paths. */
    public static List<Path> write(ComparisonReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path md = dir.resolve(MarkdownSummary.FILE_NAME);
            Path xml = dir.resolve(JUnitXmlReport.FILE_NAME);
            Files.writeString(md, MarkdownSummary.render(report), StandardCharsets.UTF_8);
            Files.writeString(xml, JUnitXmlReport.render(report), StandardCharsets.UTF_8);
            return List.of(md, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison reports to " + dir, e);
        }
    }
}
