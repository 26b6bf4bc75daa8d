package com.modelsteward.cli;

import com.modelsteward.config.AppDirs;
import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo [--db PATH|postgresql://…] [--seed N] [--versions N] [--artifacts DIR]}: writes a new demo registry. Never overwrites an existing
 * file; on a server, fills a database that has no registry yet, as its owner (the demo's people are not the login that
 * builds it, and only the owner's rows pass the triggers as given).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "create a demo registry (default: the per-user demo registry); --versions N for a scale registry")
final class DemoCommand implements CliCommand {

    @Option(names = "--seed", paramLabel = "N", description = "the random seed; the same seed makes the same registry")
    private long seed = DemoGenerator.DEFAULT_SEED;

    @Option(names = "--versions", paramLabel = "N", description = "make a scale registry of N versions (at least 3) instead of the demo")
    private int scale;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "where the demo's artifact files go (default: the registry's folder)")
    private Path artifacts;

    @Mixin
    private SharedOptions shared;

    @Override
    public int run(CliContext context) throws Exception {
        Location address = context.registryLocation(shared);
        if (shared.db().isEmpty()) {
            AppDirs.ensureDataDir();
        }
        if (scale != 0 && scale < 3) {
            throw new CliException("E_USAGE", "--versions must be at least 3 (it sizes a scale registry; leave it out for the demo)");
        }
        if (scale > 0 && artifacts != null) {
            throw new CliException("E_USAGE", "--artifacts goes with the demo; a scale registry (--versions) has no artifact files");
        }
        long started = System.nanoTime();
        try (Registry registry = context.withLocation(address, location -> scale > 0
                ? new ScaleGenerator(seed, context.clock().instant(), operator(location, context)).create(location, scale, done -> {
                    if (!shared.json()) {
                        context.err().print("\r" + done + " / " + scale + " versions");
                    }
                })
                : new DemoGenerator(seed, context.clock().instant(), operator(location, context)).createWithDriftRun(location,
                        artifacts == null ? location.folder() : artifacts))) {
            if (scale > 0 && !shared.json()) {
                context.err().println();
            }
            // A count, not the catalog's list: mapping 100 000 summaries only to count them took 5–10 s of the command.
            long versions = registry.read(store -> store.versions().count());
            if (shared.json()) {
                context.printJson(Map.of("db", registry.location().toString(), "versions", versions, "seed", seed));
            } else {
                context.out().printf("Created demo registry %s with %d model versions (seed %d) in %.1f s%n", registry.location(), versions, seed,
                        (System.nanoTime() - started) / 1e9);
                if (scale == 0 && (registry.location() instanceof Location.Server || artifacts != null)) {
                    Path folder = (artifacts == null ? registry.location().folder() : artifacts).toAbsolutePath();
                    context.out().println("Its artifact files are in " + folder.resolve("models") + "; the console finds them with "
                            + "MODEL_STEWARD_ARTIFACT_ROOT=" + folder + " (on a server, by default, in the folder it starts in)");
                }
            }
        }
        return 0;
    }

    /** Who gets every role in the demo: the OS account on a file, the login that builds it on a server (who acts there). */
    private static String operator(Location location, CliContext context) {
        return location instanceof Location.Server server && !server.user().isEmpty() ? server.user() : context.user();
    }
}
