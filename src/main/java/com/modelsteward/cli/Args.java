package com.modelsteward.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command line's words: positional words first ({@code scorecards import}), then {@code --name value} options and flags. */
public final class Args {

    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("json", "all", "force", "smoke", "help", "print-sql", "schema-only");

    private final List<String> words;
    private final Map<String, String> options;

    private Args(List<String> words, Map<String, String> options) {
        this.words = words;
        this.options = options;
    }

    public static Args parse(String... tokens) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.startsWith("--") && token.length() > 2) {
                String name = token.substring(2);
                String inlineValue = null;
                int equals = name.indexOf('=');
                if (equals > 0) {
                    inlineValue = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (options.containsKey(name)) {
                    throw new CliException("E_USAGE", "--" + name + " is given twice");
                }
                if (inlineValue != null) {
                    options.put(name, inlineValue);
                } else if (FLAGS.contains(name)) {
                    options.put(name, "true");
                } else if (i + 1 < tokens.length && !tokens[i + 1].startsWith("--")) {
                    options.put(name, tokens[++i]);
                } else {
                    throw new CliException("E_USAGE", "--" + name + " needs a value");
                }
            } else {
                words.add(token);
            }
        }
        return new Args(List.copyOf(words), options);
    }

    public List<String> words() {
        return words;
    }

    public Optional<String> word(int index) {
        return index < words.size() ? Optional.of(words.get(index)) : Optional.empty();
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new CliException("E_USAGE", "--" + name + " is required");
        }
        return value;
    }

    public Path requiredPath(String name) {
        return Path.of(required(name));
    }

    public int intOption(String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new CliException("E_USAGE", "--" + name + " must be a whole number, not \"" + value + "\"");
        }
    }

    public long longOption(String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new CliException("E_USAGE", "--" + name + " must be a whole number, not \"" + value + "\"");
        }
    }

    /** Fails on options the command does not know, so a typo never silently does something else. */
    public void allowOnly(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name) && !name.equals("json") && !name.equals("db")) {
                throw new CliException("E_USAGE", "unknown option --" + name);
            }
        }
    }
}
