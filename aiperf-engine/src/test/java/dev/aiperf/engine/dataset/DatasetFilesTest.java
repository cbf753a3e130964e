package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetFilesTest {

    static final Tokenizer TOKENIZER = Tokenizers.forName("cl100k_base");

    @TempDir
    Path dir;

    static DatasetConfig config(DatasetType type, Path path, Distribution osl) {
        return new DatasetConfig("main", type, 1, null, osl, null, null, "cl100k_base", path);
    }

    Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    static List<Conversation> all(ConversationSource source, int max) {
        List<Conversation> out = new ArrayList<>();
        try (source) {
            Conversation c;
            while (out.size() < max && (c = source.next()) != null) {
                out.add(c);
            }
        }
        return out;
    }

    static List<Conversation> once(DatasetType type, Path path) {
        return all(DatasetFiles.open(config(type, path, null), TOKENIZER, EndpointType.CHAT, 1, true), 1000);
    }

    @Test
    void singleTurnLinesAreOneTurnConversations() throws IOException {
        Path p = write("prompts.jsonl",
                "{\"text\": \"What is the capital of France?\", \"output_length\": 20}",
                "",
                "{\"texts\": [\"Line one.\", \"Line two.\"], \"delay\": 250, \"session_id\": \"u7\"}",
                "{\"text\": \"Timed\", \"timestamp\": 1500.5}");
        List<Conversation> cs = once(DatasetType.SINGLE_TURN, p);

        assertThat(cs).hasSize(3).allSatisfy(c -> assertThat(c.size()).isEqualTo(1));
        Prompt first = cs.get(0).turns().get(0).prompt();
        assertThat(first.text()).isEqualTo("What is the capital of France?");
        assertThat(first.inputTokens()).isEqualTo(TOKENIZER.count(first.text()));
        assertThat(first.maxTokens()).isEqualTo(20);
        assertThat(first.sessionId()).isEqualTo("session_000000");
        assertThat(cs.get(0).turns().get(0).timed()).isFalse();

        Turn second = cs.get(1).turns().get(0);
        assertThat(second.prompt().text()).isEqualTo("Line one.\nLine two.");
        assertThat(second.delayMillis()).isEqualTo(250);
        assertThat(second.prompt().maxTokens()).isNull();
        assertThat(cs.get(1).sessionId()).isEqualTo("u7");
        assertThat(second.prompt().sessionId()).isEqualTo("u7");

        assertThat(cs.get(2).timestampMillis()).isEqualTo(1500.5);

        DatasetFileSummary s = DatasetFiles.scan(config(DatasetType.SINGLE_TURN, p, null));
        assertThat(s.conversations()).isEqualTo(3);
        assertThat(s.requests()).isEqualTo(3);
        assertThat(s.allTimed()).isFalse();
        assertThat(s.anyTimed()).isTrue();
        assertThat(s.multiTurn()).isFalse();
        assertThat(s.bytes()).isEqualTo(Files.size(p));
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreRead() throws IOException {
        Path p = Files.writeString(dir.resolve("crlf.jsonl"), "\uFEFF{\"text\": \"a\"}\r\n\r\n{\"text\": \"b\"}\r\n");
        assertThat(once(DatasetType.SINGLE_TURN, p)).extracting(c -> c.turns().get(0).prompt().text())
                .containsExactly("a", "b");
    }

    @Test
    void multiTurnLinesAreConversationsWithDelaysAndOutputLengths() throws IOException {
        Path p = write("chats.jsonl",
                "{\"session_id\": \"s1\", \"turns\": [{\"text\": \"Hi\", \"output_length\": 5},"
                        + " {\"text\": \"Tell me more\", \"delay\": 1000, \"output_length\": 50}]}",
                "{\"turns\": [{\"texts\": [\"a\", \"b\"]}]}");
        List<Conversation> cs = once(DatasetType.MULTI_TURN, p);

        assertThat(cs).hasSize(2);
        Conversation c = cs.get(0);
        assertThat(c.sessionId()).isEqualTo("s1");
        assertThat(c.turns()).extracting(t -> t.prompt().text()).containsExactly("Hi", "Tell me more");
        assertThat(c.turns()).extracting(t -> t.prompt().maxTokens()).containsExactly(5, 50);
        assertThat(c.turns()).extracting(Turn::delayMillis).containsExactly(0.0, 1000.0);
        assertThat(c.turns()).extracting(t -> t.prompt().turnIndex()).containsExactly(0, 1);
        assertThat(c.turns()).extracting(t -> t.prompt().sessionId()).containsOnly("s1");
        assertThat(c.turns()).allSatisfy(t -> assertThat(t.prompt().history()).isEmpty());
        assertThat(cs.get(1).sessionId()).isEqualTo("session_000001");
        assertThat(cs.get(1).turns().get(0).prompt().text()).isEqualTo("a\nb");

        DatasetFileSummary s = DatasetFiles.scan(config(DatasetType.MULTI_TURN, p, null));
        assertThat(s.conversations()).isEqualTo(2);
        assertThat(s.requests()).isEqualTo(3);
        assertThat(s.multiTurn()).isTrue();
    }

    @Test
    void shareGptHumanMessagesAreTurnsSizedByTheReplyThatFollows() throws IOException {
        Path p = Files.writeString(dir.resolve("sharegpt.json"), """
                [
                  {"id": "abc_0", "conversations": [
                    {"from": "system", "value": "You are helpful."},
                    {"from": "human", "value": "What is a prefix cache?"},
                    {"from": "gpt", "value": "A cache of attention keys and values for a shared prompt prefix."},
                    {"from": "human", "value": "Why does it help?"}
                  ]},
                  {"id": "only_gpt", "conversations": [{"from": "gpt", "value": "Hello"}]},
                  {"conversations": [{"from": "human", "value": "One"}, {"from": "gpt", "value": "Two three"}],
                   "lang": "en"}
                ]
                """);
        DatasetConfig cfg = config(DatasetType.SHAREGPT, p, new Distribution.Fixed(77));
        List<Conversation> cs = all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 1, true), 100);

        assertThat(cs).hasSize(2);
        Conversation c = cs.get(0);
        assertThat(c.sessionId()).isEqualTo("abc_0");
        assertThat(c.turns()).extracting(t -> t.prompt().text())
                .containsExactly("What is a prefix cache?", "Why does it help?");
        assertThat(c.turns().get(0).prompt().maxTokens())
                .isEqualTo(TOKENIZER.count("A cache of attention keys and values for a shared prompt prefix."));
        assertThat(c.turns().get(1).prompt().maxTokens()).as("no reply: the config's OSL").isEqualTo(77);
        assertThat(cs.get(1).sessionId()).isEqualTo("session_000001");
        assertThat(cs.get(1).turns().get(0).prompt().maxTokens()).isEqualTo(TOKENIZER.count("Two three"));

        DatasetFileSummary s = DatasetFiles.scan(cfg);
        assertThat(s.conversations()).isEqualTo(2);
        assertThat(s.requests()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.multiTurn()).isTrue();
    }

    @Test
    void outputLengthComesFromTheFileThenTheConfigsOslAndNeverForEmbeddings() throws IOException {
        Path p = write("p.jsonl", "{\"text\": \"a\", \"output_length\": 9}", "{\"text\": \"b\"}");
        DatasetConfig cfg = config(DatasetType.SINGLE_TURN, p, new Distribution.Normal(100, 30));
        List<Conversation> chat = all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 5, true), 10);
        assertThat(chat.get(0).turns().get(0).prompt().maxTokens()).isEqualTo(9);
        Integer sampled = chat.get(1).turns().get(0).prompt().maxTokens();
        assertThat(sampled).isPositive();
        List<Conversation> again = all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 5, true), 10);
        assertThat(again.get(1).turns().get(0).prompt().maxTokens()).as("seeded").isEqualTo(sampled);

        List<Conversation> embeddings = all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.EMBEDDINGS, 5, true), 10);
        assertThat(embeddings).allSatisfy(c -> assertThat(c.turns().get(0).prompt().maxTokens()).isNull());
    }

    @Test
    void replayOnceEndsWhileOtherwiseTheFileWrapsAroundAsNewSessions() throws IOException {
        Path p = write("p.jsonl", "{\"text\": \"a\", \"session_id\": \"x\"}", "{\"text\": \"b\"}");
        DatasetConfig cfg = config(DatasetType.SINGLE_TURN, p, null);

        ConversationSource once = DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 1, true);
        List<Conversation> finite = all(once, 100);
        assertThat(finite).hasSize(2);
        assertThat(once.next()).as("still ended, and closed").isNull();

        List<Conversation> wrapped = all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 1, false), 5);
        assertThat(wrapped).extracting(c -> c.turns().get(0).prompt().text()).containsExactly("a", "b", "a", "b", "a");
        assertThat(wrapped).extracting(Conversation::sessionId)
                .containsExactly("x", "session_000001", "x.2", "session_000001.2", "x.3");
    }

    @Test
    void randomPoolDrawsLinesUniformlyAndReproduciblyForASeed() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add("{\"text\": \"prompt number " + i + "\", \"timestamp\": " + i + "}");
        }
        Path p = write("pool.jsonl", lines.toArray(String[]::new));
        DatasetConfig cfg = config(DatasetType.RANDOM_POOL, p, null);

        List<String> a = texts(all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 42, false), 2000));
        List<String> b = texts(all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 42, false), 2000));
        List<String> c = texts(all(DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 43, false), 2000));
        assertThat(a).hasSize(2000).isEqualTo(b).isNotEqualTo(c);
        for (int i = 0; i < 10; i++) {
            String text = "prompt number " + i;
            // 200 expected per line; 5 standard deviations is about 67.
            assertThat(a.stream().filter(text::equals).count()).as(text).isBetween(130L, 270L);
        }
        ConversationSource pool = DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 42, false);
        try (pool) {
            assertThat(pool.timed()).isFalse();
            Conversation first = pool.next();
            assertThat(first.turns().get(0).timed()).as("random draws have no schedule").isFalse();
            assertThat(first.sessionId()).isEqualTo("session_000000");
            assertThat(pool.next().sessionId()).isEqualTo("session_000001");
        }
    }

    @Test
    void randomPoolReadsEachLineAtItsOffsetAcrossTheReadersChunks() throws IOException {
        StringBuilder file = new StringBuilder();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            String text = "line " + i + " " + "x".repeat(i % 97);
            expected.add(text);
            file.append(i % 7 == 0 ? "\n" : "").append("{\"text\": \"").append(text).append("\"}")
                    .append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Path p = Files.writeString(dir.resolve("big-pool.jsonl"), file.toString());
        assertThat(Files.size(p)).as("spans several 64 KiB chunks").isGreaterThan(3 * 65536);
        List<String> drawn = texts(all(DatasetFiles.open(config(DatasetType.RANDOM_POOL, p, null), TOKENIZER,
                EndpointType.CHAT, 9, false), 20_000));
        assertThat(expected).containsAll(drawn);
        assertThat(new HashSet<>(drawn)).hasSizeGreaterThan(2900);
    }

    @Test
    void aTimedFileIsTimedAndItsSummaryGivesTheSchedule() throws IOException {
        Path p = write("trace.jsonl",
                "{\"timestamp\": 100, \"input_length\": 10, \"output_length\": 3}",
                "{\"timestamp\": 50, \"input_length\": 10, \"output_length\": 3}",
                "{\"timestamp\": 900, \"text_input\": \"hello\", \"output_length\": 3}");
        DatasetConfig cfg = config(DatasetType.MOONCAKE_TRACE, p, null);
        DatasetFileSummary s = DatasetFiles.scan(cfg);
        assertThat(s.allTimed()).isTrue();
        assertThat(s.firstTimestampMillis()).isEqualTo(50);
        assertThat(s.lastTimestampMillis()).isEqualTo(900);
        assertThat(s.durationMillis()).isEqualTo(850);
        assertThat(s.sortedByTimestamp()).isFalse();
        try (PrefetchingSource src = DatasetFiles.open(cfg, TOKENIZER, EndpointType.CHAT, 1, true)) {
            assertThat(src.timed()).isTrue();
            assertThat(src.multiTurn()).isFalse();
            assertThat(src.summary().conversations()).isEqualTo(3);
            assertThat(src.next().timestampMillis()).as("file order").isEqualTo(100);
        }
    }

    private static List<String> texts(List<Conversation> cs) {
        return cs.stream().map(c -> c.turns().get(0).prompt().text()).toList();
    }
}
