package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A post-processing hook run on the sweep aggregate (recipes use it to write e.g. {@code degradation_knee.json}).
 *
 * @param handler        the handler's name, e.g. {@code degradation_knee_detect}
 * @param params         handler parameters as written (never null, may be empty)
 * @param outputFilename the file written into the sweep aggregate directory, or {@code null} for the handler's default
 */
public record PostProcess(String handler, ObjectNode params, String outputFilename) {
}
