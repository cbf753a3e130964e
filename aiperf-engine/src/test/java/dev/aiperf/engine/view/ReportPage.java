package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the data a written {@code report.html} carries, as the page's script does. */
final class ReportPage {

    private static final String OPEN = "<script type=\"application/json\" id=\"aiperf-data\">";

    private ReportPage() {
    }

    static JsonNode data(Path html) throws IOException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        int from = page.indexOf(OPEN) + OPEN.length();
        return new ObjectMapper().readTree(page.substring(from, page.indexOf("</script>", from)));
    }
}
