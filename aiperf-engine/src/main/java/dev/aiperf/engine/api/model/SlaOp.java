package dev.aiperf.engine.api.model;

import java.util.Locale;

/** Comparison of an SLA rule; the measured value is on the left: {@code value op threshold}. */
public enum SlaOp {
    LT("lt", "<"), LE("le", "<="), GT("gt", ">"), GE("ge", ">=");

    private final String word;
    private final String symbol;

    SlaOp(String word, String symbol) {
        this.word = word;
        this.symbol = symbol;
    }

    public String word() {
        return word;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case GT -> value > threshold;
            case GE -> value >= threshold;
        };
    }

    /** Accepts {@code lt le gt ge} and {@code < <= > >=}; {@code null} if neither. */
    public static SlaOp parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (SlaOp op : values()) {
            if (op.word.equals(t) || op.symbol.equals(t)) {
                return op;
            }
        }
        return null;
    }
}
