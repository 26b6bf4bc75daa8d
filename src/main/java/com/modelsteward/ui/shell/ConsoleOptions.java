package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.RegistryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the console was started with: {@code --db PATH} or {@code --db postgresql://[user@]host[:port]/db} to open a
 * registry file or server, {@code --smoke} to paint one frame and exit (the packaged app's self-test).
 */
public record ConsoleOptions(Optional<Location> db, boolean smoke) {

    /** Opens {@code file} at start, as {@code --db PATH} does. */
    public static ConsoleOptions opening(Path file) {
        return opening(new Location.File(file));
    }

    /** Opens {@code location} at start, as {@code --db} does. */
    public static ConsoleOptions opening(Location location) {
        return new ConsoleOptions(Optional.of(location), false);
    }

    public static ConsoleOptions parse(List<String> args) {
        Optional<Location> db = Optional.empty();
        boolean smoke = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--db" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--db needs a registry file path or a server address (postgresql://host/database)");
                    }
                    try {
                        db = Optional.of(Location.parse(args.get(++i)));
                    } catch (RegistryException badAddress) {
                        throw new IllegalArgumentException(badAddress.getMessage(), badAddress);
                    }
                }
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown console option " + arg
                        + " (the console takes --db PATH or --db postgresql://…; run `help` for the commands)");
            }
        }
        return new ConsoleOptions(db, smoke);
    }
}
