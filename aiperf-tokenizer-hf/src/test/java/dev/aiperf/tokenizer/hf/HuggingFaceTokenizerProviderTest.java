package dev.aiperf.tokenizer.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.SyntheticDataset;
import dev.aiperf.engine.dataset.Tokenizers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HuggingFaceTokenizerProviderTest {

    /** Merges of the test tokenizer, in priority order; each result becomes a vocabulary entry. */
    private static final List<String> MERGES = List.of(
            "Ġ t", "h e", "Ġt he", "i n", "Ġ a", "o u", "e r", "Ġ s", "Ġ w", "o r", "e n", "Ġ m", "Ġa n", "Ġan d");

    @TempDir
    static Path dir;

    private static Path tokenizerJson;

    @BeforeAll
    static void writeTokenizer() throws IOException {
        tokenizerJson = dir.resolve("byte-bpe").resolve("tokenizer.json");
        Files.createDirectories(tokenizerJson.getParent());
        Files.writeString(tokenizerJson, byteLevelBpeJson(), StandardCharsets.UTF_8);
    }

    /**
     * A byte-level BPE tokenizer in Hugging Face's format: GPT-2's 256 byte-to-unicode symbols as the base
     * vocabulary (ids 0..255), plus the {@link #MERGES}, so every string encodes and decodes back exactly.
     */
    private static String byteLevelBpeJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String symbol : byteSymbols()) {
            vocab.put(symbol, vocab.size());
        }
        for (String merge : MERGES) {
            vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
        }
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(json));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(json));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode merges = model.putArray("merges");
        MERGES.forEach(merges::add);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode byteLevel(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", true);
        n.put("use_regex", true);
        return n;
    }

    /** GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest map to code points from 256 up. */
    private static List<String> byteSymbols() {
        List<String> symbols = new ArrayList<>(256);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            symbols.add(new String(Character.toChars(printable ? b : next++)));
        }
        return symbols;
    }

    @Test
    void tokenizersFindsTheFileThroughServiceLoaderByFileOrDirectory() {
        Tokenizer byFile = Tokenizers.forName(tokenizerJson.toString());
        assertThat(byFile).isInstanceOf(HuggingFaceTokenizer.class);
        assertThat(byFile.name()).isEqualTo(tokenizerJson.toAbsolutePath().normalize().toString());

        Tokenizer byDirectory = Tokenizers.forName(tokenizerJson.getParent().toString());
        assertThat(byDirectory).isInstanceOf(HuggingFaceTokenizer.class);
        assertThat(byDirectory.name()).isEqualTo(byFile.name());
    }

    @Test
    void countEncodeAndDecodeRoundTripWithoutSpecialTokens() {
        Tokenizer t = Tokenizers.forName(tokenizerJson.toString());
        // " the" is one merged token (id of "Ġthe"), "x" one byte token; nothing else is added.
        int[] ids = t.encode(" the x");
        assertThat(ids).hasSize(3);
        assertThat(t.decode(new int[] {ids[0]})).isEqualTo(" the");
        assertThat(t.count(" the x")).isEqualTo(3);
        assertThat(t.count("")).isZero();
        for (String text : List.of("Shall I compare thee to a summer's day?", "  leading and trailing  ",
                "héllo wörld — 日本語 🙂\n\ttabs", "and the end and the sand")) {
            int[] enc = t.encode(text);
            assertThat(t.count(text)).isEqualTo(enc.length);
            assertThat(t.decode(enc)).isEqualTo(text);
        }
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        Tokenizer t = Tokenizers.forName(tokenizerJson.toString());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("and the " + i + " sonnets in the summer sand, ".repeat(1 + i % 7));
        }
        List<int[]> expected = texts.stream().map(t::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < texts.size(); i++) {
                    int k = i;
                    results.add(pool.submit(() -> Arrays.equals(t.encode(texts.get(k)), expected.get(k))
                            && t.decode(expected.get(k)).equals(texts.get(k))
                            && t.count(texts.get(k)) == expected.get(k).length));
                }
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void syntheticPromptsHaveExactlyTheRequestedTokenCountUnderThisTokenizer() {
        Tokenizer t = Tokenizers.forName(tokenizerJson.toString());
        for (int isl : new int[] {1, 2, 3, 7, 64, 550, 2048}) {
            SyntheticDataset ds = new SyntheticDataset(DatasetConfig.synthetic("main", 8,
                    new Distribution.Fixed(isl), null, tokenizerJson.toString()), EndpointType.CHAT, 42);
            assertThat(ds.tokenizer()).isSameAs(t);
            for (int j = 0; j < ds.entries(); j++) {
                Prompt p = ds.entry(j);
                assertThat(p.inputTokens()).isEqualTo(isl);
                assertThat(t.count(p.text())).as("isl=%d entry %d", isl, j).isEqualTo(isl);
            }
        }
        for (long seed = 0; seed < 3; seed++) {
            SyntheticDataset ds = new SyntheticDataset(DatasetConfig.synthetic("main", 20,
                    new Distribution.LogNormal(300, 120), null, tokenizerJson.toString()),
                    EndpointType.COMPLETIONS, seed);
            for (int j = 0; j < ds.entries(); j++) {
                Prompt p = ds.entry(j);
                assertThat(t.count(p.text())).as("seed %d entry %d", seed, j).isEqualTo(p.inputTokens());
            }
        }
    }

    @Test
    void anInvalidTokenizerFileIsAConfigErrorNamingTheFile() throws IOException {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"model\": {\"type\": \"NoSuchModel\"}}");
        assertThatThrownBy(() -> Tokenizers.forName(bad.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("not a valid Hugging Face tokenizer.json");

        Path notJson = dir.resolve("garbage.json");
        Files.writeString(notJson, "this is not json");
        assertThatThrownBy(() -> new HuggingFaceTokenizerProvider().create(notJson.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(notJson.toString());
    }

    @Test
    void namesThatAreNotTokenizerFilesAreNotAnswered() throws IOException {
        HuggingFaceTokenizerProvider provider = new HuggingFaceTokenizerProvider();
        Path text = dir.resolve("vocab.txt");
        Files.writeString(text, "not a tokenizer");
        assertThat(provider.create(text.toString())).isEmpty();
        assertThat(provider.create("cl100k_base")).isEmpty();
        assertThat(provider.create(dir.resolve("missing.json").toString())).isEmpty();
        assertThat(provider.create(dir.toString())).isEmpty(); // a directory without tokenizer.json
        assertThat(provider.create("")).isEmpty();

        // Unknown names still fail in the engine, and the message now lists this provider's form.
        assertThatThrownBy(() -> Tokenizers.forName(dir.resolve("missing.json").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown tokenizer")
                .hasMessageContaining("Hugging Face tokenizer.json");
    }
}
