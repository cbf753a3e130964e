package dev.aiperf.engine.config;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:default}} in YAML text, replaced from an environment map before the text is
 * parsed, so a substituted scalar keeps its YAML type ({@code ${N:5}} becomes the number 5). A required
 * variable ({@code ${VAR}} with no default) that is not set is an error naming it and its line.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, String sourceName, Map<String, String> env) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            if (inComment(text, m.start())) {
                // A commented-out ${VAR} is documentation, not a requirement.
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String value = env.get(name);
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new ConfigException(sourceName, line, "environment variable '" + name
                        + "' is required by ${" + name + "} but is not set; set it, or give a default as ${"
                        + name + ":value}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** True when {@code pos} lies after a YAML comment marker on its line (a '#' outside quotes, at line start or after a blank). */
    private static boolean inComment(String text, int pos) {
        int start = text.lastIndexOf('\n', pos - 1) + 1;
        char quote = 0;
        for (int i = start; i < pos; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == start || Character.isWhitespace(text.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }
}
