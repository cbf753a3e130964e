package dev.aiperf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.metrics.ExportHeader;
import dev.aiperf.engine.metrics.ProfileExportJson;
import dev.aiperf.engine.metrics.RunMetrics;
import dev.aiperf.engine.metrics.RunRecorder;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.view.HtmlReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The report of one very large trial: writes a real run directory of {@code requests} synthetic streaming requests
 * (the recorder's own {@code profile_export.jsonl} and {@code profile_export_aiperf.json}, 0.5% HTTP errors), builds
 * {@code report.html} from it through the public API, and prints the time, the file's size against
 * {@link HtmlReport#SIZE_LIMIT_BYTES}, and, when Chromium is installed, how long headless Chromium takes to load,
 * render and screenshot it.
 *
 * <p>Usage: {@code ReportSizeBench [requests] [directory]}; defaults 1,000,000 and a temporary directory whose
 * JSONL is deleted at the end (the report and screenshot are kept and their paths printed).
 */
public final class ReportSizeBench {

    private ReportSizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("report-bench");
        Files.createDirectories(dir);
        Path jsonl = dir.resolve("profile_export.jsonl");
        int chunks = 16;
        SplittableRandom rng = new SplittableRandom(1);
        RunRecorder recorder = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        Instant begin = Instant.parse("2026-12-04T00:00:00Z");
        long wall0 = begin.toEpochMilli() * 1_000_000L;
        long t0 = System.nanoTime();
        for (int i = 1; i <= requests; i++) {
            long start = i * 100_000L; // 10,000 requests/s
            long[] resp = new long[chunks];
            // A latency that drifts up over the run, so the timeline has a shape to see.
            long t = start + 20_000_000L + rng.nextInt(5_000_000) + (long) i * 20;
            for (int c = 0; c < chunks; c++) {
                resp[c] = t;
                t += 1_000_000L + rng.nextInt(4_000_000);
            }
            RequestRecord.RequestError error = i % 200 == 0
                    ? new RequestRecord.RequestError("http_error", 500, "Internal Server Error") : null;
            recorder.accept(new RequestRecord(i - 1, "profiling", false, wall0 + start, start, start,
                    error == null ? resp : new long[0], t, 550, chunks, null, error, null));
        }
        RunMetrics metrics = recorder.finish();
        ObjectMapper json = new ObjectMapper();
        RunInfo info = new RunInfo("report-bench", null, 1, 0, "run_0001", "", null, Map.of(),
                "ReportSizeBench " + requests);
        ProfileExportJson.write(dir.resolve(ProfileExportJson.FILE_NAME), metrics, new ExportHeader(
                "aiperf-java bench", begin, begin.plusNanos(requests * 100_000L), false,
                json.createObjectNode().put("note", "synthetic trial written by ReportSizeBench"), info));
        System.out.printf("wrote %,d requests in %.1f s; jsonl %,d MB%n", requests, (System.nanoTime() - t0) / 1e9,
                Files.size(jsonl) >> 20);

        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long r0 = System.nanoTime();
        Path report = AIPerf.report(dir);
        double seconds = (System.nanoTime() - r0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long size = Files.size(report);
        System.out.printf("report.html: %,d bytes (%.2f MB, limit %.0f MB: %s) in %.1f s (%.1f s of CPU) -> %s%n",
                size, size / 1048576.0, HtmlReport.SIZE_LIMIT_BYTES / 1048576.0,
                size <= HtmlReport.SIZE_LIMIT_BYTES ? "within" : "OVER", seconds, cpu, report);

        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            Path png = dir.resolve("report.png");
            long c0 = System.nanoTime();
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--window-size=1300,3000", "--screenshot=" + png, report.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            System.out.printf("chromium --headless loaded, rendered and captured it in %.1f s (%s) -> %s%n",
                    (System.nanoTime() - c0) / 1e9, done ? "exit " + p.exitValue() : "timed out", png);
        }
        if (args.length <= 1) {
            Files.deleteIfExists(jsonl);
        }
    }
}
