package dev.aiperf.mock;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session log's bounds: requests per session, sessions, characters; oldest out first, and counted. */
class SessionLogTest {

    private static List<LoggedRequest.Message> user(String text) {
        return List.of(new LoggedRequest.Message("user", text));
    }

    @Test
    void keepsEachSessionsRequestsInArrivalOrderWithLateCachedTokens() {
        SessionLog log = new SessionLog(SessionLogConfig.defaults());
        SessionLog.Entry first = log.append("s", user("one"), 1, 10);
        log.append("t", user("x"), 1, 15);
        log.append("s", user("two"), 1, 20);
        first.cachedTokens(16);
        assertThat(log.sessions()).containsExactly("s", "t");
        assertThat(log.requests("s")).containsExactly(
                new LoggedRequest(user("one"), 1, 16, 10), new LoggedRequest(user("two"), 1, 0, 20));
        assertThat(log.requests("nobody")).isEmpty();
        log.clear();
        assertThat(log.sessions()).isEmpty();
    }

    @Test
    void aSessionKeepsItsNewestRequests() {
        SessionLog log = new SessionLog(new SessionLogConfig(10, 3, 1_000_000));
        for (int i = 0; i < 5; i++) {
            log.append("s", user("turn " + i), 2, i);
        }
        assertThat(log.requests("s")).extracting(r -> r.messages().get(0).content())
                .containsExactly("turn 2", "turn 3", "turn 4");
        assertThat(log.droppedRequests("s")).isEqualTo(2);
        assertThat(log.droppedRequests()).isEqualTo(2);
        assertThat(log.droppedSessions()).isZero();
    }

    @Test
    void theLeastRecentlyActiveSessionGoesFirst() {
        SessionLog log = new SessionLog(new SessionLogConfig(2, 10, 1_000_000));
        log.append("a", user("1"), 1, 1);
        log.append("b", user("2"), 1, 2);
        log.append("a", user("3"), 1, 3); // a is now more recent than b
        log.append("c", user("4"), 1, 4);
        assertThat(log.sessions()).containsExactly("a", "c");
        assertThat(log.droppedSessions()).isEqualTo(1);
        assertThat(log.droppedRequests()).isEqualTo(1);
    }

    @Test
    void theCharacterBudgetDropsOtherSessionsThenOldRequestsButKeepsTheNewest() {
        // Each request: role "user" (4) + 16 characters = 20.
        SessionLog log = new SessionLog(new SessionLogConfig(100, 100, 50));
        log.append("a", user("x".repeat(16)), 1, 1);
        log.append("a", user("y".repeat(16)), 1, 2);
        log.append("b", user("z".repeat(16)), 1, 3); // 60 > 50: session a goes whole
        assertThat(log.sessions()).containsExactly("b");
        assertThat(log.droppedSessions()).isEqualTo(1);
        assertThat(log.droppedRequests()).isEqualTo(2);
        log.append("b", user("w".repeat(16)), 1, 4);
        log.append("b", user("v".repeat(16)), 1, 5); // 60 > 50 within b: its oldest goes
        assertThat(log.requests("b")).hasSize(2);
        log.append("b", user("u".repeat(100)), 1, 6); // alone over the budget: kept, the rest of b goes
        assertThat(log.requests("b")).extracting(r -> r.messages().get(0).content()).containsExactly("u".repeat(100));
        assertThat(log.droppedRequests("b")).isEqualTo(3);
    }

    @Test
    void offLogsNothing() {
        SessionLog log = new SessionLog(SessionLogConfig.off());
        assertThat(log.append("s", user("x"), 1, 1)).isNull();
        assertThat(log.sessions()).isEmpty();
    }
}
