package dev.aiperf.engine.client;

import dev.aiperf.engine.api.spi.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Test tokenizer: one token per whitespace-separated word. */
public final class WhitespaceTokenizer implements Tokenizer {

    private final List<String> vocabulary = new ArrayList<>();

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public int count(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                n++;
            }
            inWord = !space;
        }
        return n;
    }

    @Override
    public synchronized int[] encode(String text) {
        String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            int id = vocabulary.indexOf(words[i]);
            if (id < 0) {
                vocabulary.add(words[i]);
                id = vocabulary.size() - 1;
            }
            ids[i] = id;
        }
        return ids;
    }

    @Override
    public synchronized String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(vocabulary.get(t));
        }
        return sb.toString();
    }
}
