package dev.aiperf.engine.dataset;

import java.util.List;

/**
 * One conversation of a dataset file as written (see {@link FileTurn}).
 *
 * @param sessionId the file's {@code session_id} (ShareGPT's {@code id}), or null to generate one
 * @param turns     at least one
 * @param index     0-based position of the conversation in the file; what seeds its generated parts, so an entry
 *                  gives the same prompts whichever pass or draw sends it
 */
record FileConversation(String sessionId, List<FileTurn> turns, long index) {

    int line() {
        return turns.get(0).line();
    }
}
