package dev.aiperf.engine.stats;

import dev.aiperf.engine.sweep.PythonStr;

import java.util.List;
import java.util.Locale;

/** CSV cells and numbers as AIPerf's exporters print them: fixed decimals, {@code inf}/{@code nan}, RFC 4180 quoting. */
final class CsvText {
    private CsvText() {
    }

    /** {@code %.Nf}, with Python's spellings of the non-finite values. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append('\n').toString();
    }

    /** {@code sweep_mode} → {@code Sweep Mode}. */
    static String titleCase(String key) {
        StringBuilder sb = new StringBuilder();
        for (String w : key.split("[_\\s]+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }

    /** A parameter value as Python's {@code str()} would print it for ints, floats and strings. */
    static String plain(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return PythonStr.floatRepr(d);
        }
        if (v instanceof Number || v instanceof String || v instanceof Boolean) {
            return v.toString();
        }
        return JsonValues.canonical(v);
    }
}
