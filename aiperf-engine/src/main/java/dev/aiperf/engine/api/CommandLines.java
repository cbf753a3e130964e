package dev.aiperf.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line as recorded in every run's {@code run_info}: never with a secret in it. API keys
 * ({@code --api-key K}, {@code --api-key=K}, {@code -Daiperf.apiKey=K}), the values of secret headers
 * ({@code Authorization}, {@code Proxy-Authorization}, {@code X-Api-Key}, {@code Api-Key}, any case), URL
 * user-info and {@code api_key}/{@code key}/{@code token} query parameters are replaced by {@code <redacted>}.
 */
final class CommandLines {

    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key");
    private static final Set<String> KEY_FLAGS = Set.of("--api-key", "-Daiperf.apiKey");
    private static final Set<String> HEADER_FLAGS = Set.of("--header", "-H");
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&](?:api[_-]?key|key|token|access_token)=)"
            + "[^&\\s]*");

    private CommandLines() {
    }

    /** The arguments joined by spaces, secrets redacted; {@code null} for {@code null}. */
    static String redact(List<String> args) {
        if (args == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (KEY_FLAGS.contains(a) && i + 1 < args.size()) {
                out.add(a);
                out.add(REDACTED);
                i++;
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0 && KEY_FLAGS.contains(a.substring(0, eq))) {
                out.add(a.substring(0, eq + 1) + REDACTED);
                continue;
            }
            if (HEADER_FLAGS.contains(a) && i + 1 < args.size()) {
                out.add(a);
                out.add(header(args.get(++i)));
                continue;
            }
            if (eq > 0 && (a.startsWith("--header=") || a.startsWith("-Daiperf.header="))) {
                List<String> parts = new ArrayList<>();
                for (String h : a.substring(eq + 1).split(",", -1)) {
                    parts.add(header(h));
                }
                out.add(a.substring(0, eq + 1) + String.join(",", parts));
                continue;
            }
            out.add(url(a));
        }
        return String.join(" ", out);
    }

    /** {@code Authorization: Bearer x} becomes {@code Authorization: <redacted>}; other headers stay. */
    static String header(String h) {
        int colon = h.indexOf(':');
        if (colon > 0 && SECRET_HEADERS.contains(h.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
            return h.substring(0, colon + 1) + " " + REDACTED;
        }
        return h;
    }

    /** User-info and key-like query parameters of any URL in {@code arg}. */
    static String url(String arg) {
        String s = USER_INFO.matcher(arg).replaceAll("$1" + REDACTED + "@");
        return QUERY_SECRET.matcher(s).replaceAll("$1" + REDACTED);
    }
}
