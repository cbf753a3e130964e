package dev.aiperf.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code aiperf:profile} found, written for {@code aiperf:verify} (as Failsafe's summary file is for its verify
 * goal): the breaches, each described, and where the artifacts are.
 *
 * <pre>{@code {"result": "breached", "artifact_dir": "/work/shop/target/aiperf", "breaches": ["cell ...: ..."]}}</pre>
 *
 * @param artifactDir where the profile wrote its artifacts
 * @param breaches    one line per breached cell and rule, or failed benchmark test
 */
record ProfileSummary(String artifactDir, List<String> breaches) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ProfileSummary {
        breaches = List.copyOf(breaches);
    }

    boolean passed() {
        return breaches.isEmpty();
    }

    /** The build-failure message: a count, then one line per breach. */
    String message() {
        StringBuilder sb = new StringBuilder("AIPerf profile: ").append(breaches.size()).append(" SLA breach(es):");
        for (String b : breaches) {
            sb.append("\n  - ").append(b);
        }
        return sb.append("\nArtifacts: ").append(artifactDir).toString();
    }

    void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("result", passed() ? "passed" : "breached");
        root.put("artifact_dir", artifactDir);
        ArrayNode list = root.putArray("breaches");
        breaches.forEach(list::add);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    static ProfileSummary read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("aiperf:verify: no aiperf:profile summary at " + file + "; run aiperf:profile"
                    + " first (e.g. bound to integration-test, or mvn aiperf:profile aiperf:verify)");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<String> breaches = new ArrayList<>();
            root.path("breaches").forEach(n -> breaches.add(n.asText()));
            if (!root.has("result") || !root.has("breaches")) {
                throw new ConfigException("aiperf:verify: " + file + " is not an aiperf:profile summary (no result"
                        + " or breaches); delete it and run aiperf:profile again");
            }
            return new ProfileSummary(root.path("artifact_dir").asText(""), breaches);
        } catch (IOException e) {
            throw new ConfigException("aiperf:verify: cannot read " + file + ": " + e.getMessage()
                    + "; delete it and run aiperf:profile again");
        }
    }
}
