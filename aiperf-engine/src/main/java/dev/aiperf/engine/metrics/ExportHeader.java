package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.plan.RunInfo;

import java.time.Instant;

/**
 * The run-level fields of {@code profile_export_aiperf.json} besides the metrics.
 *
 * @param aiperfVersion this tool's version, exported as {@code aiperf_version}
 * @param startTime     when the profiling phase started
 * @param endTime       when the run finished
 * @param wasCancelled  the run was stopped before its stop condition
 * @param inputConfig   the effective config, already redacted (no API keys), or {@code null}
 * @param runInfo       where the run sits in a sweep; its {@code benchmarkId} is also the top-level {@code benchmark_id}
 */
public record ExportHeader(String aiperfVersion, Instant startTime, Instant endTime, boolean wasCancelled,
                           JsonNode inputConfig, RunInfo runInfo) {
}
