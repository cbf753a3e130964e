package dev.aiperf.engine.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the valid key a misspelt one most likely meant, by Levenshtein distance, for "did you mean" messages. */
public final class ClosestKey {
    private ClosestKey() {
    }

    /**
     * The candidate closest to {@code key}, or {@code null} if none is within a third of the key's length
     * (at least 2 edits), so that unrelated keys are not "suggested".
     */
    public static String of(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String c : candidates) {
            int d = distance(k, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, key.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** "; did you mean 'x'?" or the list of valid keys when nothing is close. */
    public static String hint(String key, Collection<String> candidates) {
        return hint(key, candidates, "keys");
    }

    /** As {@link #hint(String, Collection)} for a value among {@code candidates} (enum-like choices). */
    public static String hintValue(String value, Collection<String> candidates) {
        return hint(value, candidates, "values");
    }

    private static String hint(String key, Collection<String> candidates, String what) {
        String best = of(key, candidates);
        return best != null ? "; did you mean '" + best + "'?" : "; valid " + what + ": " + String.join(", ", candidates);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
