package com.modelsteward.cli;

import com.modelsteward.config.AppDirs;
import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo [--db PATH|postgresql://…] [--seed N] [--versions N] [--artifacts DIR]}: writes a new demo registry. Never overwrites an existing
 * file; on a server, fills a database that has no registry yet, as its owner (the demo's people are not the login that
 * builds it, and only the owner's rows pass the triggers as given).
 */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "create a demo registry (default: " + AppDirs.demoRegistry() + "); --versions N for a scale registry";
    }

    @Override
    public int run(Args args, CliContext context) throws Exception {
        args.allowOnly(Set.of("seed", "versions", "artifacts"));
        Location address = context.registryLocation(args);
        if (args.option("db").isEmpty()) {
            AppDirs.ensureDataDir();
        }
        long seed = args.longOption("seed", DemoGenerator.DEFAULT_SEED);
        int scale = args.intOption("versions", 0);
        if (scale != 0 && scale < 3) {
            throw new CliException("E_USAGE", "--versions must be at least 3 (it sizes a scale registry; leave it out for the demo)");
        }
        if (scale > 0 && args.option("artifacts").isPresent()) {
            throw new CliException("E_USAGE", "--artifacts goes with the demo; a scale registry (--versions) has no artifact files");
        }
        long started = System.nanoTime();
        try (Registry registry = context.withLocation(address, location -> scale > 0
                ? new ScaleGenerator(seed, context.clock().instant(), operator(location, context)).create(location, scale, done -> {
                    if (!args.flag("json")) {
                        context.err().print("\r" + done + " / " + scale + " versions");
                    }
                })
                : new DemoGenerator(seed, context.clock().instant(), operator(location, context)).createWithDriftRun(location,
                        args.option("artifacts").map(Path::of).orElse(location.folder())))) {
            if (scale > 0 && !args.flag("json")) {
                context.err().println();
            }
            // A count, not the catalog's list: mapping 100 000 summaries only to count them took 5–10 s of the command.
            long versions = registry.read(store -> store.versions().count());
            if (args.flag("json")) {
                context.printJson(Map.of("db", registry.location().toString(), "versions", versions, "seed", seed));
            } else {
                context.out().printf("Created demo registry %s with %d model versions (seed %d) in %.1f s%n", registry.location(), versions, seed,
                        (System.nanoTime() - started) / 1e9);
                if (scale == 0 && (registry.location() instanceof Location.Server || args.option("artifacts").isPresent())) {
                    Path artifacts = args.option("artifacts").map(Path::of).orElse(registry.location().folder()).toAbsolutePath();
                    context.out().println("Its artifact files are in " + artifacts.resolve("models") + "; the console finds them with "
                            + "MODEL_STEWARD_ARTIFACT_ROOT=" + artifacts + " (on a server, by default, in the folder it starts in)");
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
