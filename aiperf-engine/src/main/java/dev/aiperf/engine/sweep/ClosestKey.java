package dev.aiperf.engine.sweep;

import java.util.Collection;

/** Suggests the valid key closest to a misspelt one (Levenshtein distance), for "did you mean" messages. */
public final class ClosestKey {
    private ClosestKey() {
    }

    /** The closest candidate, or {@code null} when none is within half the key's length (at least 2 edits). */
    public static String of(String key, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(key, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return bestD <= Math.max(2, key.length() / 2) ? best : null;
    }

    /** "unknown key 'x'; did you mean 'y'? Valid keys: [...]" */
    public static String unknownKeyMessage(String key, Collection<String> valid) {
        String c = of(key, valid);
        return "unknown key '" + key + "'" + (c == null ? "" : "; did you mean '" + c + "'?")
                + " Valid keys: " + valid.stream().sorted().toList();
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
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
