package dev.aiperf.mock;

/**
 * Bounds of the {@link SessionLog}, so that a million-request benchmark cannot fill the heap with prompts. Past a
 * bound the oldest entries go and are counted: a session past {@code maxRequestsPerSession} loses its oldest
 * requests; past {@code maxSessions} sessions, or {@code maxChars} characters of logged text in all, the least
 * recently active session goes (and if one session alone is over {@code maxChars}, its oldest requests, down to the
 * newest one).
 *
 * @param maxSessions           sessions kept; 0 = no session log
 * @param maxRequestsPerSession requests kept per session, newest last
 * @param maxChars              characters of roles and contents kept over all sessions
 */
public record SessionLogConfig(int maxSessions, int maxRequestsPerSession, long maxChars) {

    public SessionLogConfig {
        if (maxSessions < 0) {
            throw new MockConfigException("mock.session_log_sessions",
                    "must be 0 (no session log) or a positive number of sessions, e.g. 1000; got " + maxSessions);
        }
        if (maxRequestsPerSession < 1) {
            throw new MockConfigException("mock.session_log_requests",
                    "must be at least 1 request per session, e.g. 100; got " + maxRequestsPerSession);
        }
        if (maxChars < 1) {
            throw new MockConfigException("mock.session_log_chars",
                    "must be at least 1 character, e.g. 8000000; got " + maxChars);
        }
    }

    /**
     * 1,000 sessions, 100 requests each, 8,000,000 characters in all (at most ~16 MB of heap, 8 MB for ASCII text):
     * enough to assert whole conversations in tests, bounded for any benchmark.
     */
    public static SessionLogConfig defaults() {
        return new SessionLogConfig(1000, 100, 8_000_000);
    }

    /** Nothing is logged. */
    public static SessionLogConfig off() {
        return new SessionLogConfig(0, 1, 1);
    }

    public boolean enabled() {
        return maxSessions > 0;
    }
}
