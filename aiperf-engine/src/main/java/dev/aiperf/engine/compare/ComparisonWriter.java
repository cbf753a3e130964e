package dev.aiperf.engine.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a comparison's files: {@value MarkdownSummary#FILE_NAME}, {@value JUnitXmlReport#FILE_NAME} and the SVG
 * charts the summary links ({@link CompareCharts}).
 */
public final class ComparisonWriter {

    private ComparisonWriter() {
    }

    /** Writes the reports into {@code dir} (created if needed) and returns their paths: Markdown, XML, charts. */
    public static List<Path> write(ComparisonReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path md = dir.resolve(MarkdownSummary.FILE_NAME);
            Path xml = dir.resolve(JUnitXmlReport.FILE_NAME);
            Files.writeString(md, MarkdownSummary.render(report), StandardCharsets.UTF_8);
            Files.writeString(xml, JUnitXmlReport.render(report), StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>(List.of(md, xml));
            for (Map.Entry<String, String> chart : CompareCharts.render(report).entrySet()) {
                Path file = dir.resolve(chart.getKey());
                Files.writeString(file, chart.getValue(), StandardCharsets.UTF_8);
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison reports to " + dir, e);
        }
    }
}
