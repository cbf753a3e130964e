package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.aiperf.engine.dataset.DatasetFilesTest.TOKENIZER;
import static dev.aiperf.engine.dataset.DatasetFilesTest.all;
import static dev.aiperf.engine.dataset.DatasetFilesTest.config;
import static org.assertj.core.api.Assertions.assertThat;

class MooncakeTraceTest {

    @TempDir
    Path dir;

    private List<Conversation> read(long seed, String... lines) throws IOException {
        Path p = Files.writeString(dir.resolve("trace-" + seed + ".jsonl"), String.join("\n", lines));
        return all(DatasetFiles.open(config(DatasetType.MOONCAKE_TRACE, p, null), TOKENIZER, EndpointType.CHAT, seed,
                true), 10_000);
    }

    private static String text(Conversation c) {
        return c.turns().get(0).prompt().text();
    }

    @Test
    void equalHashIdsGiveIdenticalBlocksAndPrefixesAreSharedExactlyToTheBlockBoundary() throws IOException {
        HashBlockText blocks = new HashBlockText(TOKENIZER, 7, 16);
        List<Conversation> cs = read(7,
                "{\"timestamp\": 0, \"input_length\": 1536, \"output_length\": 52, \"hash_ids\": [46, 47, 48]}",
                "{\"timestamp\": 10, \"input_length\": 1100, \"output_length\": 26, \"hash_ids\": [46, 47, 99]}",
                "{\"timestamp\": 20, \"input_length\": 1536, \"output_length\": 52, \"hash_ids\": [46, 47, 48]}",
                "{\"timestamp\": 30, \"input_length\": 700, \"hash_ids\": [50, 47]}");
        String a = text(cs.get(0));
        String b = text(cs.get(1));
        String shared = blocks.block(46) + blocks.block(47);

        assertThat(text(cs.get(2))).as("same ids, same text").isEqualTo(a);
        assertThat(a).startsWith(shared).isEqualTo(shared + blocks.block(48));
        assertThat(b).startsWith(shared);
        String rest = b.substring(shared.length());
        assertThat(blocks.block(99)).as("the third block is 99's, cut").startsWith(rest);
        assertThat(blocks.block(48)).doesNotStartWith(rest.substring(0, 40));
        assertThat(text(cs.get(3))).as("block 47 in second place is the same block")
                .isEqualTo(blocks.block(50) + blocks.block(47).substring(0, text(cs.get(3)).length()
                        - blocks.block(50).length()));
        assertThat(text(cs.get(3))).doesNotStartWith(blocks.block(46));

        assertThat(cs.get(0).turns().get(0).prompt().inputTokens()).as("the trace's count").isEqualTo(1536);
        assertThat(cs.get(1).turns().get(0).prompt().inputTokens()).isEqualTo(1100);
        assertThat(cs.get(0).turns().get(0).prompt().maxTokens()).isEqualTo(52);
        assertThat(cs.get(3).turns().get(0).prompt().maxTokens()).isNull();
        assertThat(cs).extracting(Conversation::timestampMillis).containsExactly(0.0, 10.0, 20.0, 30.0);
    }

    @Test
    void theLastBlockIsCutToTheRemainingTokensAsAPrefixOfTheFullBlock() {
        HashBlockText blocks = new HashBlockText(TOKENIZER, 3, 16);
        String full = blocks.text(new long[] {5, 6}, 1024);
        String cut = blocks.text(new long[] {5, 6}, 600);
        assertThat(full).isEqualTo(blocks.block(5) + blocks.block(6));
        assertThat(full).startsWith(cut);
        assertThat(cut).startsWith(blocks.block(5)).isNotEqualTo(blocks.block(5));
        // Each block is about 512 tokens once re-encoded (runs re-tokenize a little differently at their seams).
        assertThat(TOKENIZER.count(blocks.block(5))).isBetween(480, 544);
        assertThat(TOKENIZER.count(cut)).isBetween(560, 640);
    }

    @Test
    void distinctIdsGiveDistinctBlocksAndTheSeedChangesThem() {
        HashBlockText blocks = new HashBlockText(TOKENIZER, 11, 4);
        Set<String> seen = new HashSet<>();
        for (long id = 0; id < 2000; id++) {
            assertThat(seen.add(blocks.block(id))).as("block %d is new", id).isTrue();
        }
        assertThat(blocks.block(3)).as("evicted and rebuilt identically").isEqualTo(new HashBlockText(TOKENIZER, 11, 4).block(3));
        assertThat(new HashBlockText(TOKENIZER, 12, 4).block(3)).isNotEqualTo(blocks.block(3));
    }

    @Test
    void textCutFromTheCorpusIsExactlyWhatDecodingTheTokensGives() {
        // A tokenizer whose single tokens do not add up to the corpus text takes the decoding path.
        Tokenizer decodeOnly = new Tokenizer() {
            @Override
            public String name() {
                return "cl100k_base-decode-only";
            }

            @Override
            public int count(String text) {
                return TOKENIZER.count(text);
            }

            @Override
            public int[] encode(String text) {
                return TOKENIZER.encode(text);
            }

            @Override
            public String decode(int[] tokens) {
                return TOKENIZER.decode(tokens) + (tokens.length == 1 ? "\u0000" : "");
            }
        };
        HashBlockText fast = new HashBlockText(TOKENIZER, 5, 16);
        HashBlockText decoded = new HashBlockText(decodeOnly, 5, 16);
        for (long id = 0; id < 50; id++) {
            assertThat(fast.block(id)).isEqualTo(decoded.block(id));
        }
        assertThat(fast.text(new long[] {1, 2, 3}, 1100)).isEqualTo(decoded.text(new long[] {1, 2, 3}, 1100));
        assertThat(fast.text(9, 0, 20_000)).as("wraps past the corpus end").isEqualTo(decoded.text(9, 0, 20_000));
    }

    @Test
    void linesWithoutHashIdsOrWithTextAreSentAsTheySay() throws IOException {
        List<Conversation> cs = read(1,
                "{\"timestamp\": 0, \"input_length\": 300, \"output_length\": 5}",
                "{\"timestamp\": 5, \"input_text\": \"Exactly this.\", \"output_length\": 5}",
                "{\"timestamp\": 6, \"text_input\": \"And this.\"}");
        assertThat(cs.get(0).turns().get(0).prompt().inputTokens()).isEqualTo(300);
        assertThat(TOKENIZER.count(text(cs.get(0)))).isBetween(290, 310);
        assertThat(text(cs.get(1))).isEqualTo("Exactly this.");
        assertThat(cs.get(1).turns().get(0).prompt().inputTokens()).isEqualTo(TOKENIZER.count("Exactly this."));
        assertThat(text(cs.get(2))).isEqualTo("And this.");
        assertThat(read(1, "{\"timestamp\": 0, \"input_length\": 300, \"output_length\": 5}").get(0))
                .as("deterministic for a seed").isEqualTo(cs.get(0));
    }

    @Test
    void consecutiveLinesOfOneSessionAreTheTurnsOfOneConversation() throws IOException {
        List<Conversation> cs = read(1,
                "{\"session_id\": \"a\", \"timestamp\": 0, \"input_length\": 10}",
                "{\"session_id\": \"a\", \"delay\": 500, \"input_length\": 20}",
                "{\"session_id\": \"b\", \"timestamp\": 100, \"input_length\": 10}",
                "{\"timestamp\": 200, \"input_length\": 10}",
                "{\"timestamp\": 300, \"input_length\": 10}",
                "{\"session_id\": \"a\", \"timestamp\": 400, \"input_length\": 10}");
        assertThat(cs).extracting(Conversation::sessionId)
                .containsExactly("a", "b", "session_000002", "session_000003", "a");
        assertThat(cs.get(0).turns()).extracting(t -> t.prompt().inputTokens()).containsExactly(10, 20);
        assertThat(cs.get(0).turns()).extracting(Turn::delayMillis).containsExactly(0.0, 500.0);
        assertThat(cs.get(0).turns().get(1).prompt().turnIndex()).isEqualTo(1);
        assertThat(cs.get(0).turns().get(1).timed()).isFalse();
    }
}
