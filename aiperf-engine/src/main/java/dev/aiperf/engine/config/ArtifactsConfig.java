package dev.aiperf.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a benchmark writes its files.
 *
 * @param dir     the base artifact directory ({@code <base>} in the layout table of docs/ARTIFACTS.md)
 * @param summary summary formats requested ({@code json}, {@code csv}); both are always written
 */
public record ArtifactsConfig(Path dir, List<String> summary) {
    public ArtifactsConfig {
        summary = List.copyOf(summary);
    }
}
