package dev.aiperf.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Turns a user's URL into a full endpoint URL. */
final class EndpointUrls {
    private EndpointUrls() {
    }

    /**
     * A URL without a scheme gets {@code http://}. A URL with no path (or just {@code /}) gets the type's
     * default path; one ending in {@code /v1} gets the
     * rest of it; any other path is a full endpoint URL and is kept. {@code null} if not an http(s) URL.
     */
    static String resolve(String url, EndpointType type) {
        if (url == null) {
            return null;
        }
        String s = url.trim();
        if (!s.contains("://")) {
            s = "http://" + s; // AIPerf accepts host:port, as its default localhost:8000
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return s;
        }
        if (path.isEmpty() || path.equals("/")) {
            return stripSlash(s) + type.defaultPath();
        }
        if (path.equals("/v1") || path.equals("/v1/")) {
            return stripSlash(s) + type.defaultPath().substring("/v1".length());
        }
        return s;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

