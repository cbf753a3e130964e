package dev.aiperf.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code random_pool}: single-turn lines drawn uniformly at random, with replacement and forever, by a generator
 * seeded from the run seed. Only the scan's index of where each line starts is held; a drawn line is read again
 * from the file at its offset, so the texts are never all in memory.
 *
 * <p>Draws are independent requests: each is its own session, {@code session_NNNNNN} numbered by draw (a line's
 * {@code session_id} is not used), and a line's {@code timestamp} or {@code delay} is ignored, as AIPerf's random pool
 * has no timing.
 */
final class RandomPoolSource implements ConversationSource {

    private static final long DRAW_SALT = 0x3C6EF372FE94F82BL;

    private final DatasetFile file;
    private final FilePrompts prompts;
    private final long[] offsets;
    private final int[] lines;
    private final SplittableRandom rng;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 13);
    private long draws;

    RandomPoolSource(DatasetFile file, FilePrompts prompts, long[] offsets, int[] lines, long seed) {
        this.file = file;
        this.prompts = prompts;
        this.offsets = offsets;
        this.lines = lines;
        this.rng = new SplittableRandom(SyntheticDataset.mix(seed, DRAW_SALT));
        try {
            this.channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw file.unreadable(e);
        }
    }

    @Override
    public Conversation next() {
        int i = rng.nextInt(offsets.length);
        EntryFields f = EntryFields.parseLine(buffer.array(), readLine(offsets[i]), file, lines[i]);
        f.allowOnly(SingleTurnReader.FIELDS);
        FileTurn t = SingleTurnReader.textTurn(f);
        FileTurn untimed = FileTurn.text(t.text(), t.outputLength(), Double.NaN, Double.NaN, t.line());
        String session = FilePrompts.generatedSessionId(draws++);
        return prompts.conversation(new FileConversation(null, List.of(untimed), i), session);
    }

    /** Reads the line starting at {@code offset} into {@link #buffer}; returns its length without the line break. */
    private int readLine(long offset) {
        try {
            buffer.clear();
            int scanned = 0;
            while (true) {
                if (!buffer.hasRemaining()) {
                    buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), buffer.capacity() * 2))
                            .position(buffer.capacity());
                }
                int n = channel.read(buffer, offset + buffer.position());
                byte[] a = buffer.array();
                int end = buffer.position();
                for (int k = scanned; k < end; k++) {
                    if (a[k] == '\n') {
                        return k > 0 && a[k - 1] == '\r' ? k - 1 : k;
                    }
                }
                scanned = end;
                if (n < 0) {
                    return end;
                }
                if (end > JsonlLines.MAX_LINE_BYTES) {
                    throw file.error("changed since it was scanned: no line break within "
                            + (JsonlLines.MAX_LINE_BYTES >> 20) + " MiB of byte " + offset);
                }
            }
        } catch (IOException e) {
            throw file.unreadable(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only: nothing to lose.
        }
    }
}
