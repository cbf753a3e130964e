package dev.aiperf.cli;

import dev.aiperf.engine.api.BenchmarkListener;

import java.util.List;
import java.util.Locale;

/**
 * The two progress bars of {@code --ui simple} on a terminal, as text: the whole benchmark (runs done of the runs
 * planned, elapsed time and ETA) and the running variation's trial (requests done of the phase's count, or seconds
 * of its duration; live request rate, errors, ETA). A pure function of its inputs, so it is tested without a
 * terminal.
 */
final class ProgressBars {

    static final char FULL = '█';
    static final char EMPTY = '░';

    private ProgressBars() {
    }

    /**
     * What is known at one moment.
     *
     * @param position       1-based position of the running trial among {@code total}
     * @param total          trials this execution runs
     * @param trial          the running trial
     * @param progress       its phase's progress, or null before the first tick
     * @param elapsedSeconds since the benchmark started
     */
    record State(int position, int total, BenchmarkListener.Trial trial, BenchmarkListener.Progress progress,
                 double elapsedSeconds) {

        /** Fraction of the whole benchmark done: finished trials plus the running one's share. */
        double overall() {
            double current = progress == null ? 0 : progress.fraction();
            return total <= 0 ? 0 : Math.min(1, (position - 1 + current) / total);
        }
    }

    /** The two lines, each at most {@code width} characters. */
    static List<String> render(State s, int width) {
        double overall = s.overall();
        String overallTail = String.format(Locale.ROOT, " %d/%d runs %3.0f%% elapsed %s ETA %s",
                Math.max(0, s.position() - 1), s.total(), overall * 100, clock(s.elapsedSeconds()),
                overall > 0 ? clock(s.elapsedSeconds() * (1 - overall) / overall) : "--:--");
        String first = line("overall", overall, overallTail, width);

        BenchmarkListener.Trial t = s.trial();
        String name = (t.cellLabel() == null || t.cellLabel().isEmpty() ? "" : shortLabel(t.cellLabel()) + " ")
                + t.runLabel();
        BenchmarkListener.Progress p = s.progress();
        String tail;
        double fraction;
        if (p == null) {
            fraction = 0;
            tail = " starting";
        } else {
            fraction = p.fraction();
            String done = p.expectedRequests() > 0 ? p.completed() + "/" + p.expectedRequests() + " req"
                    : String.format(Locale.ROOT, "%.0f/%.0f s", p.elapsedSeconds(), p.durationSeconds());
            double left = p.expectedRequests() > 0
                    ? (p.rate() > 0 ? (p.expectedRequests() - p.completed()) / p.rate() : Double.NaN)
                    : p.durationSeconds() - p.elapsedSeconds();
            tail = String.format(Locale.ROOT, " %s %s %.1f req/s %d err ETA %s", p.phase(), done, p.rate(),
                    p.errors(), Double.isNaN(left) ? "--:--" : clock(Math.max(0, left)));
        }
        return List.of(first, line(name, fraction, tail, width));
    }

    /** {@code label [████░░░░] tail}, the bar taking what the label and tail leave (at least 10 cells). */
    private static String line(String label, double fraction, String tail, int width) {
        String head = label.length() > 28 ? label.substring(0, 27) + "…" : label;
        int bar = Math.max(10, width - head.length() - tail.length() - 3);
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * bar);
        String text = head + " [" + String.valueOf(FULL).repeat(full) + String.valueOf(EMPTY).repeat(bar - full) + "]"
                + tail;
        return text.length() > width ? text.substring(0, Math.max(0, width)) : text;
    }

    /** {@code phases.profiling.concurrency=8, ...isl=128} → {@code concurrency=8, isl=128}: the swept leaves. */
    static String shortLabel(String label) {
        StringBuilder sb = new StringBuilder();
        for (String part : label.split(",\\s*")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            sb.append(sb.length() == 0 ? "" : ", ").append(key.substring(key.lastIndexOf('.') + 1))
                    .append(eq < 0 ? "" : part.substring(eq));
        }
        return sb.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
