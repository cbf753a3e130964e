package dev.aiperf.maven;

import dev.aiperf.cli.ProfileOptions;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a goal's {@code aiperf.*} parameters back into {@code aiperf profile} flags, so picocli parses them exactly
 * as it parses the command line and the CLI and the plugin can never disagree. The parameter of a flag is the
 * flag's first long name in camelCase ({@code --request-count} → {@code requestCount}, property
 * {@code aiperf.requestCount}); a comma list on a repeatable flag ({@code aiperf.sla}, {@code aiperf.url},
 * {@code aiperf.header}) becomes the flag repeated.
 */
final class FlagArguments {

    private FlagArguments() {
    }

    /** The {@code @Option} fields of {@link ProfileOptions}, in declaration order. */
    static List<Field> optionFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : ProfileOptions.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** The flag's primary name, e.g. {@code --request-count}. */
    static String flag(Field optionField) {
        return optionField.getAnnotation(Option.class).names()[0];
    }

    /** {@code --request-count} → {@code requestCount}. */
    static String parameterName(String flag) {
        String[] words = flag.replaceFirst("^-+", "").split("-");
        StringBuilder sb = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            sb.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
        }
        return sb.toString();
    }

    /**
     * The flags for every parameter of {@code source} that is set, except those named in {@code except} (which the
     * goal passes itself).
     *
     * @param source an object with one field per flag, named {@link #parameterName}
     */
    static List<String> of(Object source, Set<String> except) {
        List<String> args = new ArrayList<>();
        for (Field option : optionFields()) {
            String flag = flag(option);
            String name = parameterName(flag);
            if (except.contains(name)) {
                continue;
            }
            Object value = read(source, name);
            if (value == null) {
                continue;
            }
            Option annotation = option.getAnnotation(Option.class);
            if (value instanceof Boolean b) {
                if (b) {
                    args.add(flag);
                } else if (annotation.negatable()) {
                    args.add(flag.replaceFirst("^--", "--no-"));
                }
                continue;
            }
            String text = value.toString().trim();
            if (text.isEmpty()) {
                continue;
            }
            boolean repeatable = List.class.isAssignableFrom(option.getType()) && annotation.split().isEmpty();
            if (repeatable) {
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        args.add(flag);
                        args.add(part.trim());
                    }
                }
            } else {
                args.add(flag);
                args.add(text);
            }
        }
        return args;
    }

    /**
     * The parameters of {@code source} that are set, as {@code aiperf.<name>} → value (booleans as
     * {@code true}/{@code false}), e.g. to hand them to benchmark tests as JUnit configuration parameters.
     */
    static java.util.Map<String, String> properties(Object source, Set<String> except) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Field option : optionFields()) {
            String name = parameterName(flag(option));
            Object value = except.contains(name) ? null : read(source, name);
            if (value != null && !value.toString().isBlank()) {
                out.put("aiperf." + name, value.toString().trim());
            }
        }
        return out;
    }

    private static Object read(Object source, String name) {
        for (Class<?> c = source.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(source);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read parameter " + name, e);
            }
        }
        throw new IllegalStateException(source.getClass().getSimpleName() + " has no parameter '" + name
                + "' for a flag of aiperf profile");
    }
}
