package dev.aiperf.mock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each session sent, in arrival order, bounded by {@link SessionLogConfig}. A request's session is its
 * {@code X-Session-ID} header, else the OpenAI {@code user} field of its body; requests with neither are not logged.
 * Thread-safe: request threads append, tests and the {@code /mock/sessions} endpoints read.
 */
public final class SessionLog {
    private final SessionLogConfig config;
    // Order of last activity, least recent first: the eviction order. A read does not reorder it.
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    private long chars;
    private long nextSeq;
    private long droppedSessions;
    private long droppedRequests;

    SessionLog(SessionLogConfig config) {
        this.config = config;
    }

    /** Session ids, in the order of their first logged request. */
    public synchronized List<String> sessions() {
        List<Map.Entry<String, Session>> entries = new ArrayList<>(sessions.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().seq));
        List<String> ids = new ArrayList<>(entries.size());
        for (Map.Entry<String, Session> e : entries) {
            ids.add(e.getKey());
        }
        return ids;
    }

    /** The requests of a session still in the log, oldest first; empty for an unknown session. */
    public synchronized List<LoggedRequest> requests(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            return List.of();
        }
        List<LoggedRequest> out = new ArrayList<>(s.requests.size());
        for (Entry e : s.requests) {
            out.add(e.snapshot());
        }
        return out;
    }

    /** Requests of this session dropped from the log by a bound (its oldest ones); 0 for an unknown session. */
    public synchronized long droppedRequests(String sessionId) {
        Session s = sessions.get(sessionId);
        return s == null ? 0 : s.dropped;
    }

    /** Whole sessions dropped by the session or character bound since start. */
    public synchronized long droppedSessions() {
        return droppedSessions;
    }

    /** Requests dropped by any bound since start, including those of dropped sessions. */
    public synchronized long droppedRequests() {
        return droppedRequests;
    }

    /** Forgets every session; the dropped counters stay. */
    public synchronized void clear() {
        sessions.clear();
        chars = 0;
    }

    /** Logs a request; null when the log is off. The caller fills in the cached tokens once they are known. */
    synchronized Entry append(String sessionId, List<LoggedRequest.Message> messages, int promptTokens,
                              long arrivalNanos) {
        if (!config.enabled()) {
            return null;
        }
        Session s = sessions.remove(sessionId);
        if (s == null) {
            s = new Session(nextSeq++);
        }
        sessions.put(sessionId, s); // now the most recently active
        Entry e = new Entry(messages, promptTokens, arrivalNanos);
        s.requests.addLast(e);
        s.chars += e.chars;
        chars += e.chars;
        while (s.requests.size() > config.maxRequestsPerSession()) {
            dropOldest(s);
        }
        Iterator<Session> eldest = sessions.values().iterator();
        while (sessions.size() > config.maxSessions() || chars > config.maxChars()) {
            Session victim = eldest.next();
            if (victim == s) {
                break; // every other session is gone
            }
            eldest.remove();
            chars -= victim.chars;
            droppedRequests += victim.requests.size();
            droppedSessions++;
        }
        while (chars > config.maxChars() && s.requests.size() > 1) {
            dropOldest(s);
        }
        return e;
    }

    private void dropOldest(Session s) {
        Entry gone = s.requests.removeFirst();
        s.chars -= gone.chars;
        chars -= gone.chars;
        s.dropped++;
        droppedRequests++;
    }

    private static final class Session {
        final long seq;
        final ArrayDeque<Entry> requests = new ArrayDeque<>();
        long chars;
        long dropped;

        Session(long seq) {
            this.seq = seq;
        }
    }

    /** A logged request whose cached-token count arrives later, from the scheduler's admission. */
    static final class Entry {
        private final List<LoggedRequest.Message> messages;
        private final int promptTokens;
        private final long arrivalNanos;
        private final long chars;
        private volatile int cachedTokens;

        Entry(List<LoggedRequest.Message> messages, int promptTokens, long arrivalNanos) {
            this.messages = List.copyOf(messages);
            this.promptTokens = promptTokens;
            this.arrivalNanos = arrivalNanos;
            long n = 0;
            for (LoggedRequest.Message m : this.messages) {
                n += m.role().length() + m.content().length();
            }
            this.chars = n;
        }

        void cachedTokens(int tokens) {
            cachedTokens = tokens;
        }

        LoggedRequest snapshot() {
            return new LoggedRequest(messages, promptTokens, cachedTokens, arrivalNanos);
        }
    }
}
