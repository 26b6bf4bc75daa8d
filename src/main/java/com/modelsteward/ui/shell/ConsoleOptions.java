package com.modelsteward.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the console was started with: {@code --db PATH} to open a registry, {@code --smoke} to paint one frame and exit
 * (the packaged app's self-test).
 */
public record ConsoleOptions(Optional<Path> db, boolean smoke) {

    public static ConsoleOptions parse(List<String> args) {
        Optional<Path> db = Optional.empty();
        boolean smoke = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--db" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--db needs a registry file path");
                    }
                    db = Optional.of(Path.of(args.get(++i)));
                }
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown console option " + arg
                        + " (the console takes --db PATH; run `help` for the commands)");
            }
        }
        return new ConsoleOptions(db, smoke);
    }
}
