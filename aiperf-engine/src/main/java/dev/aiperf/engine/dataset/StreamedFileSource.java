package dev.aiperf.engine.dataset;

import java.io.IOException;

/**
 * A dataset file's conversations in file order, read as they are asked for. Replayed once (a trace on a fixed
 * schedule) it ends with the file; otherwise it starts the file again at its end, for as long as the phase sends.
 *
 * <p>Sessions: a conversation's id is the file's {@code session_id} (ShareGPT's {@code id}) or
 * {@code session_NNNNNN} from its position in the file; when the file is sent again after wrapping around, the
 * n-th sending of an entry gets {@code ".n"} appended, so no two conversations of a run share a session.
 */
final class StreamedFileSource implements ConversationSource {

    private final DatasetFile file;
    private final FilePrompts prompts;
    private final boolean replayOnce;
    private EntryReader reader;
    private int pass;
    private boolean ended;

    StreamedFileSource(DatasetFile file, FilePrompts prompts, boolean replayOnce) {
        this.file = file;
        this.prompts = prompts;
        this.replayOnce = replayOnce;
    }

    @Override
    public Conversation next() {
        if (ended) {
            return null;
        }
        try {
            if (reader == null) {
                reader = EntryReader.open(file);
            }
            FileConversation entry = reader.next();
            if (entry == null) {
                reader.close();
                reader = null;
                if (replayOnce) {
                    ended = true;
                    return null;
                }
                pass++;
                reader = EntryReader.open(file);
                entry = reader.next();
                if (entry == null) {
                    throw file.error("has no entries any more: it was emptied while the run read it");
                }
            }
            return prompts.conversation(entry, sessionId(entry));
        } catch (IOException e) {
            throw file.unreadable(e);
        }
    }

    private String sessionId(FileConversation entry) {
        String id = entry.sessionId() != null ? entry.sessionId() : FilePrompts.generatedSessionId(entry.index());
        return pass == 0 ? id : id + "." + (pass + 1);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Nothing was written; a failed close of a read-only file loses nothing.
            }
            reader = null;
        }
    }
}
